using EmrMarket.Core.Delivery;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Cli.Commands;

public sealed class VerifyCommand : ICommand
{
    public string Name => "verify";

    public string Description => "re-check a downloaded package against its offer on chain: verify PACKAGE.zip --offer N";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, "offer");
        var path = line.Positional.FirstOrDefault() ?? throw new CommandException("give the package file: verify PACKAGE.zip --offer N", 64);
        if (!ulong.TryParse(line.Require("offer"), out var offerId)) throw new CommandException("--offer takes the offer number", 64);
        if (!File.Exists(path)) throw new CommandException($"{path} does not exist", 66);

        try
        {
            await using var package = File.OpenRead(path);
            var result = await services.GetRequiredService<PackageCheck>().VerifyAsync(offerId, package, cancellationToken);
            foreach (var check in result.Checks) await output.WriteLineAsync($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
            await output.WriteLineAsync(result.Passed ? $"the package is the one offer {offerId} commits to" : "the package does NOT match the chain");
            return result.Passed ? 0 : 1;
        }
        catch (Exception e) when (e is DeliveryException or RpcTransportException or JsonRpcException)
        {
            throw new CommandException(e.Message);
        }
    }
}
