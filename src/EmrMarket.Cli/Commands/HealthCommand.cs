using EmrMarket.Core.Health;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Cli.Commands;

public sealed class HealthCommand : ICommand
{
    public string Name => "health";

    public string Description => "check PostgreSQL, the chain node and the deployed contracts";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<HealthService>().CheckAsync(cancellationToken);
        foreach (var check in report.Checks)
            await output.WriteLineAsync($"{(check.Up ? "up  " : "DOWN")} {check.Name,-10} {check.Summary}");
        return report.Healthy ? 0 : 1;
    }
}
