namespace EmrMarket.Core.Health;

public sealed record HealthReport(DateTimeOffset CheckedAt, IReadOnlyList<HealthCheck> Checks)
{
    public bool Healthy => Checks.All(c => c.Up);

    public IEnumerable<HealthCheck> Down => Checks.Where(c => !c.Up);
}
