using EmrMarket.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmrMarket.Cli.Commands;

public sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Description => "apply pending database migrations";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<MigrationRunner>();
        try
        {
            var applied = await runner.MigrateAsync(cancellationToken);
            var version = await runner.CurrentVersionAsync(cancellationToken);
            await output.WriteLineAsync(applied.Count == 0
                ? $"database is up to date (schema version {version})"
                : $"applied {applied.Count} migration(s); schema version {version}");
            return 0;
        }
        catch (NpgsqlException e)
        {
            throw new CommandException($"cannot reach PostgreSQL: {e.Message}");
        }
    }
}
