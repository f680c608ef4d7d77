using EmrMarket.Core.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Cli.Commands;

/// <summary>
/// Seeds the local demo. The chain workers run in this process while it does (the seed waits for its consents, offers,
/// purchase and claim to be confirmed and indexed), and stop when it is done.
/// </summary>
public sealed class SeedCommand : ICommand
{
    public string Name => "seed";

    public string Description => "create the local demo (accounts, a hospital's generated patients, wallets, consents, offers, a sale, a claim) --work DIR; safe to run again";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, "work");
        var work = line.Get("work") ?? Path.Combine(".data", "dev", "seed");
        using var host = WorkerHost.Build(LogLevel.Warning);
        await host.StartAsync(cancellationToken);
        try
        {
            await output.WriteLineAsync(await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(work, output, cancellationToken));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
        return 0;
    }
}
