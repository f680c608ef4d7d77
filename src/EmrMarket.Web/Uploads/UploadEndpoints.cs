using System.Security.Claims;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Providers;
using EmrMarket.Fhir;
using EmrMarket.Web.Auth;

namespace EmrMarket.Web.Uploads;

/// <summary>
/// POST /api/provider/uploads?name=…: one FHIR file as the request body (application/fhir+json for a Bundle,
/// application/x-ndjson for NDJSON), ingested for the caller's provider; answers the ingest summary.
/// Those content types cannot be posted cross-site without a CORS preflight, and the session cookie is SameSite=Lax.
/// </summary>
public static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/provider/uploads", UploadAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Provider))
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, ClaimsPrincipal user, IProviderMembers members,
        IngestService ingest, string? name, string? provider, CancellationToken cancellationToken)
    {
        var format = request.ContentType?.Split(';')[0].Trim() switch
        {
            "application/fhir+json" or "application/json" => FhirFormat.Bundle,
            "application/x-ndjson" or "application/fhir+ndjson" => FhirFormat.Ndjson,
            _ => (FhirFormat?)null,
        };
        if (format is null)
            return TypedResults.Problem("send a Bundle as application/fhir+json or NDJSON as application/x-ndjson",
                statusCode: StatusCodes.Status415UnsupportedMediaType);

        var memberships = await members.ProvidersOfAsync(user.RequiredAccountId(), cancellationToken);
        var chosen = provider is null ? memberships.FirstOrDefault() : memberships.FirstOrDefault(m => m.Code == provider);
        if (chosen is null)
            return TypedResults.Problem(provider is null ? "your account uploads for no provider" : $"you do not upload for provider '{provider}'",
                statusCode: StatusCodes.Status403Forbidden);

        var source = IngestSource.FromStream(string.IsNullOrWhiteSpace(name) ? "upload" : Path.GetFileName(name), format.Value, request.Body);
        var summary = await ingest.IngestAsync(new IngestRequest(chosen.Code, $"web:{user.Identity?.Name}", [source]), cancellationToken);
        return TypedResults.Ok(UploadResult.From(summary));
    }
}
