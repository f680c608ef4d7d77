using EmrMarket.Core.Health;

namespace EmrMarket.Web.Health;

/// <summary>
/// Checks the dependencies every few seconds and tells every open page when their state changes.
/// </summary>
public sealed class HealthMonitor(HealthService health) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public HealthReport? Latest { get; private set; }

    public event Action<HealthReport>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var report = await health.CheckAsync(stoppingToken);
            var changed = Latest is null || Describe(Latest) != Describe(report);
            Latest = report;
            if (changed) Changed?.Invoke(report);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static string Describe(HealthReport report) =>
        string.Join("|", report.Checks.Select(c => $"{c.Name}:{c.Up}:{c.Summary}"));
}
