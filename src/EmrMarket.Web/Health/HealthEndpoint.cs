using EmrMarket.Core.Health;

namespace EmrMarket.Web.Health;

public static class HealthEndpoint
{
    /// <summary>GET /health: each dependency's state as JSON; 503 when any is down.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (HealthService health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckAsync(cancellationToken);
            var body = new Dictionary<string, object?>
            {
                ["status"] = report.Healthy ? "healthy" : "unhealthy",
                ["checkedAt"] = report.CheckedAt,
            };
            foreach (var check in report.Checks)
            {
                var entry = new Dictionary<string, object?>
                {
                    ["status"] = check.Up ? "up" : "down",
                    ["message"] = check.Summary,
                };
                foreach (var (key, value) in check.Details) entry[key] = value;
                body[check.Name] = entry;
            }
            return TypedResults.Json(body, statusCode: report.Healthy ? 200 : 503);
        }).AllowAnonymous();
        return endpoints;
    }
}
