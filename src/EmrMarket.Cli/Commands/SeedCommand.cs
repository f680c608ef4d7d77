using EmrMarket.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Cli.Commands;

public sealed class SeedCommand : ICommand
{
    public string Name => "seed";

    public string Description => "create the local demo (accounts, a hospital's generated patients, wallets) --work DIR; safe to run again";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, "work");
        var work = line.Get("work") ?? Path.Combine(".data", "dev", "seed");
        await output.WriteLineAsync(await services.GetRequiredService<DemoSeeder>().SeedAsync(work, output, cancellationToken));
        return 0;
    }
}
