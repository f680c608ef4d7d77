using EmrMarket.Core.Audit;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Core.Delivery;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Web.Market;

/// <summary>
/// "Verify integrity" for researchers and compliance officers: a package (the stored one, or a file someone
/// uploads) re-hashed and compared with the offer's commitments read from the chain now.
/// </summary>
public sealed class IntegrityCheck(PackageCheck check, IDatasetStore datasets, ILogger<IntegrityCheck> logger)
{
    /// <summary>The package the server delivers for the offer.</summary>
    public async Task<IntegrityOutcome> VerifyStoredAsync(ulong offerId, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindByOfferAsync(offerId, cancellationToken);
        if (dataset is null) return IntegrityOutcome.Failed($"no dataset is listed as offer {offerId}");
        if (!File.Exists(dataset.PackagePath)) return IntegrityOutcome.Failed("the package file is missing on the server: tell the platform operator");
        await using var file = File.OpenRead(dataset.PackagePath);
        return await VerifyAsync(offerId, file, cancellationToken);
    }

    /// <summary>The largest file a person may upload to be checked.</summary>
    public const long MaxUploadBytes = 2L << 30;

    /// <summary>
    /// A file uploaded from the browser: copied to a temporary file first (a zip is read by seeking, and the browser's
    /// stream cannot seek), checked, and deleted.
    /// </summary>
    public async Task<IntegrityOutcome> VerifyUploadAsync(ulong offerId, Stream upload, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emr-verify-{Guid.NewGuid():N}.zip");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            await upload.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return await VerifyAsync(offerId, file, cancellationToken);
        }
        catch (IOException e)
        {
            return IntegrityOutcome.Failed($"the file could not be read to the end ({e.Message}); try again");
        }
    }

    /// <summary>A package file someone has (a download, a copy), read from <paramref name="package"/>.</summary>
    public Task<IntegrityOutcome> VerifyAsync(ulong offerId, Stream package, CancellationToken cancellationToken) =>
        RunAsync(() => check.VerifyAsync(offerId, package, cancellationToken), logger);

    /// <summary>Runs a check; a refusal or an unreachable node or file becomes the outcome's problem, in words.</summary>
    public static async Task<IntegrityOutcome> RunAsync(Func<Task<PackageVerification>> verify, ILogger logger)
    {
        try
        {
            return new IntegrityOutcome(await verify(), null);
        }
        catch (Exception e) when (e is DeliveryException or AuditException)
        {
            return IntegrityOutcome.Failed(e.Message);
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException or IOException)
        {
            logger.LogWarning("Integrity check could not run: {Error}", e.Message);
            return IntegrityOutcome.Failed($"the check could not run ({e.Message}); try again in a moment");
        }
    }
}
