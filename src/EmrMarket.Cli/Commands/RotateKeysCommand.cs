using EmrMarket.Data.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmrMarket.Cli.Commands;

public sealed class RotateKeysCommand : ICommand
{
    public string Name => "rotate-keys";

    public string Description => "re-wrap every data key under Encryption:MasterKey (old keys in Encryption:RetiredMasterKeys)";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var ring = services.GetRequiredService<MasterKeyRing>();
        try
        {
            var count = await services.GetRequiredService<KeyRotation>().RotateAsync(cancellationToken);
            await output.WriteLineAsync(count == 0
                ? $"every data key is already wrapped under master key {ring.CurrentId}"
                : $"re-wrapped {count} data key(s) under master key {ring.CurrentId}; no ciphertext was touched");
            return 0;
        }
        catch (KeyUnavailableException e)
        {
            throw new CommandException($"{e.Message}; add the old master key to Encryption:RetiredMasterKeys and run again");
        }
        catch (NpgsqlException e)
        {
            throw new CommandException($"cannot reach PostgreSQL: {e.Message}");
        }
    }
}
