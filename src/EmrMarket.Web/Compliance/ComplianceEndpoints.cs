using EmrMarket.Core.Accounts;
using EmrMarket.Core.Audit;
using Microsoft.Net.Http.Headers;

namespace EmrMarket.Web.Compliance;

/// <summary>
/// The compliance officer's downloads, role-checked: the consent trail as CSV or as a FHIR R4 Bundle of Consent
/// resources (same filter as the page), a dataset's consents at its build block as FHIR, and its provenance as a zip.
/// </summary>
public static class ComplianceEndpoints
{
    /// <summary>The most consent changes one export holds (ConsentTrailQuery's limit).</summary>
    public const int ExportLimit = 100_000;

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/compliance").RequireAuthorization(policy => policy.RequireRole(Roles.Compliance));
        group.MapGet("/consents.csv", (HttpContext context, AuditService audit) =>
            TrailAsync(context, "text/csv", "consent-trail.csv", (query, body, ct) => audit.ExportTrailCsvAsync(query, body, ct)));
        group.MapGet("/consents.fhir.json", (HttpContext context, AuditService audit) =>
            TrailAsync(context, "application/fhir+json", "consent-trail.fhir.json", (query, body, ct) => audit.ExportTrailFhirAsync(query, body, ct)));
        group.MapGet("/datasets/{datasetId:guid}/consents.fhir.json", (Guid datasetId, HttpContext context, AuditService audit) =>
            DatasetAsync(context, datasetId, "application/fhir+json", $"dataset-{datasetId}-consents.fhir.json",
                (body, ct) => audit.ExportDatasetConsentsFhirAsync(datasetId, body, ct)));
        group.MapGet("/datasets/{datasetId:guid}/provenance.zip", (Guid datasetId, HttpContext context, AuditService audit) =>
            DatasetAsync(context, datasetId, "application/zip", $"dataset-{datasetId}-provenance.zip",
                (body, ct) => audit.ExportProvenanceAsync(datasetId, null, body, ct)));
        return endpoints;
    }

    private static async Task<IResult> TrailAsync(HttpContext context, string contentType, string fileName,
        Func<ConsentTrailQuery, Stream, CancellationToken, Task> write)
    {
        ConsentTrailQuery query;
        try
        {
            query = TrailSearch.Parse(context.Request.Query.ToDictionary(q => q.Key, q => q.Value)).ToQuery(ExportLimit);
        }
        catch (AuditException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return await StreamAsync(context, contentType, fileName, (body, ct) => write(query, body, ct));
    }

    private static async Task<IResult> DatasetAsync(HttpContext context, Guid datasetId, string contentType, string fileName,
        Func<Stream, CancellationToken, Task> write)
    {
        var datasets = context.RequestServices.GetRequiredService<Core.Datasets.IDatasetStore>();
        if (await datasets.FindAsync(datasetId, context.RequestAborted) is null)
            return TypedResults.Problem($"there is no dataset {datasetId}", statusCode: StatusCodes.Status404NotFound);
        return await StreamAsync(context, contentType, fileName, write);
    }

    // Written to memory first, so a failure halfway answers with an error instead of a truncated file.
    private static async Task<IResult> StreamAsync(HttpContext context, string contentType, string fileName, Func<Stream, CancellationToken, Task> write)
    {
        var buffer = new MemoryStream();
        try
        {
            await write(buffer, context.RequestAborted);
        }
        catch (AuditException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        buffer.Position = 0;
        return TypedResults.File(buffer, contentType, fileName);
    }
}
