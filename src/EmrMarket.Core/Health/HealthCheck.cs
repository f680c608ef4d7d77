namespace EmrMarket.Core.Health;

/// <summary>The state of one dependency, as a person reading /health needs it.</summary>
public sealed record HealthCheck(string Name, bool Up, string Summary, IReadOnlyDictionary<string, object?> Details)
{
    public static HealthCheck Down(string name, string summary) =>
        new(name, false, summary, new Dictionary<string, object?>());
}
