using EmrMarket.Core.Audit.Internal;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Revocation;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Audit;

/// <summary>
/// The compliance officer's questions (docs/marketplace.md, "Audit"): a dataset's provenance from the consent block to
/// the downloads, its integrity against the chain, the consent trail by patient, purpose, time and kind, and exports
/// of both as CSV and as FHIR R4 Consent resources.
/// </summary>
public sealed class AuditService(
    IAuditStore store,
    IDatasetStore datasets,
    IMarketReadModel market,
    IRevocationStore revocations,
    PackageCheck packages,
    EthRpc rpc,
    IChainDeployment deployment,
    IOptions<AuditOptions> options,
    TimeProvider clock)
{
    /// <summary>The dataset's provenance, or null if there is no such dataset.</summary>
    public async Task<DatasetProvenance?> ProvenanceAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindAsync(datasetId, cancellationToken);
        if (dataset is null) return null;
        var (blockTime, blockHash) = await BlockAsync(dataset.ConsentBlock, cancellationToken);
        var timestamp = blockTime is { } t ? (ulong)t.ToUnixTimeSeconds() : 0;
        var consents = (await store.ConsentsAtAsync(dataset.Id, dataset.ConsentBlock, cancellationToken))
            .Select(c => new ConsentAtBlock(c.Patient, c.State, c.State?.Covers((Purpose)dataset.Purposes, timestamp) ?? false))
            .ToList();

        var offers = new List<ChainOffer>();
        var purchases = new List<ChainPurchase>();
        var holders = new List<LicenceHolding>();
        foreach (var offerId in await store.OffersOfAsync(dataset.ManifestHash, cancellationToken))
        {
            if (await market.OfferAsync(offerId, cancellationToken) is { } offer) offers.Add(offer);
            purchases.AddRange(await market.PurchasesOfOfferAsync(offerId, cancellationToken));
            holders.AddRange(await market.LicenceHoldersAsync(offerId, cancellationToken));
        }
        return new DatasetProvenance(dataset, blockTime, blockHash, consents, offers, purchases, holders,
            await store.DownloadsAsync(dataset.Id, cancellationToken), await revocations.ActionsAsync(null, dataset.Id, cancellationToken),
            await store.ReplacedByAsync(dataset.Id, cancellationToken));
    }

    /// <summary>
    /// Re-derives the package's commitments from its bytes (PackageVerifier) and compares them with the offer on chain
    /// (PackageCheck), or, for a dataset never listed, with the commitments stored at build time.
    /// </summary>
    /// <exception cref="AuditException">No such dataset, or its package file is missing.</exception>
    public async Task<PackageVerification> VerifyAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindAsync(datasetId, cancellationToken) ?? throw new AuditException($"there is no dataset {datasetId}");
        if (!File.Exists(dataset.PackagePath)) throw new AuditException($"the package of dataset {datasetId} is missing from the package store");
        await using var package = File.OpenRead(dataset.PackagePath);
        var offers = await store.OffersOfAsync(dataset.ManifestHash, cancellationToken);
        if (offers.Count > 0) return await packages.VerifyAsync(offers[^1], package, cancellationToken);
        return await PackageVerifier.VerifyAsync(package,
            new OnChainCommitments(dataset.ManifestHash, dataset.RowsRoot, dataset.PayoutRoot, dataset.TotalWeight), cancellationToken);
    }

    /// <summary>Consent changes matching the query, newest first.</summary>
    /// <exception cref="AuditException">The query is not valid.</exception>
    public Task<IReadOnlyList<ConsentTrailEntry>> TrailAsync(ConsentTrailQuery query, CancellationToken cancellationToken)
    {
        query.Validate();
        return store.TrailAsync(query, cancellationToken);
    }

    /// <summary>Writes the trail as CSV (RFC 4180, UTF-8, a header row): one row per change.</summary>
    public async Task ExportTrailCsvAsync(ConsentTrailQuery query, Stream output, CancellationToken cancellationToken) =>
        await AuditCsv.WriteTrailAsync(await TrailAsync(query, cancellationToken), output, cancellationToken);

    /// <summary>
    /// Writes the trail as a FHIR R4 Bundle of type collection: one Consent per patient and version, each with its status
    /// as of now.
    /// </summary>
    public async Task ExportTrailFhirAsync(ConsentTrailQuery query, Stream output, CancellationToken cancellationToken)
    {
        var entries = await TrailAsync(query, cancellationToken);
        var now = clock.GetUtcNow();
        await FhirConsentExporter.WriteAsync(output, await ExporterAsync(cancellationToken), entries, now, now, cancellationToken);
    }

    /// <summary>
    /// Writes the consent each included patient had at the dataset's consent block as a FHIR R4 Bundle (collection), the
    /// status of each Consent as of that block.
    /// </summary>
    /// <exception cref="AuditException">No such dataset.</exception>
    public async Task ExportDatasetConsentsFhirAsync(Guid datasetId, Stream output, CancellationToken cancellationToken)
    {
        var provenance = await ProvenanceAsync(datasetId, cancellationToken) ?? throw new AuditException($"there is no dataset {datasetId}");
        var asOf = provenance.ConsentBlockTime ?? clock.GetUtcNow();
        var states = provenance.Consents.Where(c => c.State is not null).Select(c => c.State! with { SupersededAt = null }).ToList();
        await FhirConsentExporter.WriteAsync(output, await ExporterAsync(cancellationToken), states, asOf, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Writes the dataset's provenance as a zip of CSV files (dataset, consents at the block, offers, purchases, licences,
    /// downloads, revocations, and the integrity check when <paramref name="verification"/> is given) with the policy and
    /// the privacy report as JSON.
    /// </summary>
    /// <exception cref="AuditException">No such dataset.</exception>
    public async Task ExportProvenanceAsync(Guid datasetId, PackageVerification? verification, Stream output, CancellationToken cancellationToken)
    {
        var provenance = await ProvenanceAsync(datasetId, cancellationToken) ?? throw new AuditException($"there is no dataset {datasetId}");
        await ProvenanceZip.WriteAsync(provenance, verification, output, cancellationToken);
    }

    private async Task<FhirConsentExporter> ExporterAsync(CancellationToken cancellationToken)
    {
        var contracts = await deployment.GetAsync(cancellationToken);
        return new FhirConsentExporter(options.Value.FhirSystemBase, contracts.ChainId);
    }

    private async Task<(DateTimeOffset? Time, Ledger.Primitives.Hash32? Hash)> BlockAsync(ulong number, CancellationToken cancellationToken)
    {
        if (await store.BlockAsync(number, cancellationToken) is { } indexed) return (indexed.Time, indexed.Hash);
        var header = await rpc.GetBlockByNumberAsync(number, cancellationToken);
        return header is null ? (null, null) : (DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp), header.Hash);
    }
}
