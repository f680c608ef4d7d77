namespace EmrMarket.Core.Health;

/// <summary>Checks one dependency. Probes never throw: a failure is a check that is down.</summary>
public interface IHealthProbe
{
    string Name { get; }

    Task<HealthCheck> CheckAsync(CancellationToken cancellationToken);
}
