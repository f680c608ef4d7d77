using System.Security.Claims;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Web.Auth;
using Microsoft.Net.Http.Headers;

namespace EmrMarket.Web.Delivery;

/// <summary>
/// GET /api/offers/{offerId}/package: the dataset package, only to a researcher whose wallet holds the offer's
/// licence on chain at this moment; every request (ranges too, so downloads resume) is logged.
/// </summary>
public static class DownloadEndpoints
{
    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/offers/{offerId}/package", DownloadAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Researcher));
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(ulong offerId, HttpContext context, ClaimsPrincipal user, IWalletRepository wallets,
        IDatasetStore datasets, LicenceCheck licences, IDownloadLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = user.RequiredAccountId();
        var wallet = await wallets.FindByAccountAsync(account, cancellationToken);
        if (wallet is null) return Problem(StatusCodes.Status403Forbidden, "your account has no wallet, so it holds no licence");
        var dataset = await datasets.FindByOfferAsync(offerId, cancellationToken);
        if (dataset is null) return Problem(StatusCodes.Status404NotFound, $"no dataset is listed as offer {offerId}");

        try
        {
            if (!await licences.HoldsAsync(wallet.Address, offerId, cancellationToken))
                return Problem(StatusCodes.Status403Forbidden, $"your wallet {wallet.Address} holds no licence for offer {offerId}: buy one first");
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException or DeliveryException)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, $"your licence cannot be checked right now ({e.Message}); try again shortly");
        }
        if (!File.Exists(dataset.PackagePath))
            return Problem(StatusCodes.Status500InternalServerError, "the package file is missing on the server; the operator has been told");

        var range = context.Request.GetTypedHeaders().Range?.Ranges.FirstOrDefault();
        await log.RecordAsync(new DownloadRecord(dataset.Id, offerId, account, wallet.Address, range?.From, range?.To, clock.GetUtcNow()), cancellationToken);
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return TypedResults.PhysicalFile(dataset.PackagePath, "application/zip", $"emrmarket-offer-{offerId}.zip", enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);
}
