namespace EmrMarket.Core.Health;

/// <summary>Runs every probe at once, each under its own time limit.</summary>
public sealed class HealthService(IEnumerable<IHealthProbe> probes, TimeProvider clock)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(probes.Select(p => RunAsync(p, cancellationToken)));
        return new HealthReport(clock.GetUtcNow(), checks);
    }

    private static async Task<HealthCheck> RunAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            return await probe.CheckAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheck.Down(probe.Name, $"{probe.Name} did not answer within {ProbeTimeout.TotalSeconds:0} s");
        }
    }
}
