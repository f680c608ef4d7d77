using System.Globalization;
using System.IO.Compression;
using EmrMarket.Core.Datasets.Packaging;

namespace EmrMarket.Core.Audit.Internal;

/// <summary>A dataset's provenance as a zip of CSV files plus its policy and privacy report as JSON.</summary>
internal static class ProvenanceZip
{
    public static async Task WriteAsync(DatasetProvenance p, PackageVerification? verification, Stream output, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var d = p.Dataset;
        await CsvAsync(zip, "dataset.csv", ["field", "value"],
        [
            ["id", d.Id.ToString()], ["title", AuditCsv.Text(d.Title)], ["description", AuditCsv.Text(d.Description)],
            ["purposes", AuditCsv.Names((Consent.Purpose)d.Purposes)], ["consent_block", AuditCsv.Number(d.ConsentBlock)],
            ["consent_block_time", p.ConsentBlockTime is { } t ? AuditCsv.Time(t) : null], ["consent_block_hash", p.ConsentBlockHash?.ToString()],
            ["status", d.Status], ["patients", Int(d.PatientCount)], ["rows", Int(d.RowCount)], ["manifest_hash", d.ManifestHash.ToString()],
            ["rows_root", d.RowsRoot.ToString()], ["payout_root", d.PayoutRoot.ToString()], ["total_weight", d.TotalWeight.ToString(CultureInfo.InvariantCulture)],
            ["package_bytes", Int(d.PackageBytes)], ["replaces", d.ReplacesDatasetId?.ToString()], ["replaced_by", p.ReplacedBy?.ToString()],
            ["created_by", AuditCsv.Text(d.CreatedBy)], ["created_at", AuditCsv.Time(d.CreatedAt)],
        ], cancellationToken);
        await CsvAsync(zip, "consents-at-block.csv", ["patient", "covered", .. AuditCsv.TrailColumns.Skip(1)],
            p.Consents.Select(c => c.State is { } s
                ? [PatientKey.Of(c.Patient), c.Covered ? "yes" : "no", .. AuditCsv.TrailRow(s).Skip(1)]
                : new string?[] { PatientKey.Of(c.Patient), "no" }), cancellationToken);
        await CsvAsync(zip, "offers.csv", ["offer_id", "status", "price", "licences_sold", "pool_total", "replaces_offer_id", "listed_block", "listed_tx"],
            p.Offers.Select(o => new string?[] { Big(o.OfferId), o.Status.ToString().ToLowerInvariant(), Big(o.Price), Int((long)o.LicencesSold),
                Big(o.PoolTotal), Big(o.ReplacesOfferId), AuditCsv.Number(o.Listed.BlockNumber), o.Listed.TransactionHash.ToString() }), cancellationToken);
        await CsvAsync(zip, "purchases.csv", ["offer_id", "buyer", "price", "fee", "agreement_hash", "licence_number", "block", "block_time", "tx_hash"],
            p.Purchases.Select(x => new string?[] { Big(x.OfferId), x.Buyer.ToString(), Big(x.Price), Big(x.Fee), x.AgreementHash.ToString(),
                AuditCsv.Number(x.LicenceNumber), AuditCsv.Number(x.At.BlockNumber), AuditCsv.Time(x.At.BlockTime), x.At.TransactionHash.ToString() }),
            cancellationToken);
        await CsvAsync(zip, "licence-holders.csv", ["offer_id", "holder", "balance", "updated_block"],
            p.LicenceHolders.Select(h => new string?[] { Big(h.OfferId), h.Holder.ToString(), Big(h.Balance), AuditCsv.Number(h.UpdatedBlock) }),
            cancellationToken);
        await CsvAsync(zip, "downloads.csv", ["offer_id", "account_id", "account_email", "wallet", "range_start", "range_end", "at"],
            p.Downloads.Select(x => new string?[] { AuditCsv.Number(x.OfferId), x.AccountId.ToString(), AuditCsv.Text(x.AccountEmail), x.Wallet.ToString(),
                x.RangeStart is { } s ? Int(s) : null, x.RangeEnd is { } e ? Int(e) : null, AuditCsv.Time(x.At) }), cancellationToken);
        await CsvAsync(zip, "revocations.csv", ["at", "offer_id", "dataset_id", "step", "patient", "consent_block", "consent_tx", "tx_hash", "new_dataset_id",
            "new_offer_id", "detail"],
            p.Revocations.Select(a => new string?[] { AuditCsv.Time(a.At), AuditCsv.Number(a.OfferId), a.DatasetId.ToString(), a.Step.ToString(),
                a.Wallet is { } w ? PatientKey.Of(w) : null, a.ConsentEvent is { } c ? AuditCsv.Number(c.BlockNumber) : null,
                a.ConsentEvent?.TransactionHash.ToString(), a.TransactionHash?.ToString(), a.NewDatasetId?.ToString(),
                a.NewOfferId is { } n ? AuditCsv.Number(n) : null, AuditCsv.Text(a.Detail) }), cancellationToken);
        if (verification is not null)
            await CsvAsync(zip, "integrity-check.csv", ["check", "passed", "detail"],
                verification.Checks.Select(c => new string?[] { c.Name, c.Passed ? "yes" : "no", AuditCsv.Text(c.Detail) }), cancellationToken);
        await JsonAsync(zip, "policy.json", d.Policy.ToJsonString(PackageManifest.Json));
        await JsonAsync(zip, "privacy-report.json", d.Privacy.ToJsonString(PackageManifest.Json));
        await JsonAsync(zip, "cohort.json", d.Cohort.ToJsonString(PackageManifest.Json));
    }

    private static async Task CsvAsync(ZipArchive zip, string name, IReadOnlyList<string> columns, IEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        await using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await using var writer = AuditCsv.Writer(stream);
        await AuditCsv.WriteAsync(writer, columns, rows, cancellationToken);
    }

    private static async Task JsonAsync(ZipArchive zip, string name, string json)
    {
        await using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await using var writer = AuditCsv.Writer(stream);
        await writer.WriteAsync(json);
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Big(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
