using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Tests.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Marketplace;

/// <summary>
/// The marketplace end to end, through the app's use cases only: the FHIR corpus (real Synthea when EMR_SYNTHEA_DIR is
/// set, our generator otherwise) ingested, every patient with an account and a custodial wallet, a private anvil whose
/// clock the test may move (consent expiry), and the revocation worker running as in production.
/// </summary>
public sealed class ProofWorld : PrivateChainDatabase
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("emr-proof-").FullName;

    /// <summary>Every ingested patient: account and custodial wallet.</summary>
    public List<(Guid Account, EthAddress Wallet)> Patients { get; } = [];

    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Datasets:StorageFolder"] = Path.Combine(Folder, "packages"),
        ["Revocation:RebuildDelay"] = "00:00:00",
        ["Revocation:PollInterval"] = "00:00:00.100",
        ["Revocation:SweepInterval"] = "00:00:01",
    };

    public Task<ChainApp> StartMarketAsync(bool workers = true) => StartAppAsync(workers, Settings);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var app = await StartMarketAsync();
        var store = app.Get<IIngestStore>();
        var provider = await store.CreateProviderAsync("proof", "Proof Hospital", default);
        var summary = await app.Get<IngestService>().IngestAsync(
            new IngestRequest(provider.Code, "proof", IngestSources.FromPaths([await FhirCorpus.FolderAsync()])), default);
        Assert.True(summary.Accepted > 0, "the corpus ingested nothing");

        var directory = app.Get<IPatientDirectory>();
        foreach (var patient in await directory.ListPatientsAsync(provider.Code, 10_000, default))
        {
            var account = await NewAccountAsync();
            await directory.LinkAsync(patient, account, default);
            Patients.Add((account, (await app.Get<WalletService>().EnsureCustodialWalletAsync(account, default)).Address));
        }
    }

    public Contract At(string name) => new(Chain.Rpc, Chain.Address(name), ContractArtifacts.Get(name).Abi);

    /// <summary>Waits until the indexer has read up to the chain's head.</summary>
    public async Task IndexedAsync(ChainApp app)
    {
        var head = await Chain.Rpc.BlockNumberAsync();
        await Eventually.WaitAsync(async () => (await app.Get<IChainIndexStore>().GetCursorAsync(default))?.Block.Number >= head,
            $"the indexer at block {head}");
    }

    /// <summary>Waits until each wallet's indexed consent is <paramref name="purposes"/>; returns the newest consent block.</summary>
    public async Task<ulong> ConsentIndexedAsync(ChainApp app, IEnumerable<EthAddress> wallets, Purpose purposes)
    {
        var newest = 0UL;
        foreach (var wallet in wallets)
        {
            ConsentState? state = null;
            await Eventually.WaitAsync(async () => (state = await app.Get<IConsentReadModel>().CurrentAsync(wallet, default))?.Purposes == purposes,
                $"consent of {wallet} indexed as {purposes}");
            newest = Math.Max(newest, state!.At.BlockNumber);
        }
        return newest;
    }

    /// <summary>A researcher with a custodial wallet and (unless none) test dollars from the faucet.</summary>
    public async Task<(Guid Account, EthAddress Wallet)> ResearcherAsync(ChainApp app, decimal dollars)
    {
        var account = await NewAccountAsync(Core.Accounts.Roles.Researcher);
        var wallet = (await app.Get<WalletService>().EnsureCustodialWalletAsync(account, default)).Address;
        if (dollars == 0) return (account, wallet);
        var mint = await app.Get<TestDollarFaucet>().MintAsync(account, dollars, null, default);
        Assert.Equal(OutboxStatus.Confirmed, (await app.Get<IOutbox>().WaitAsync(mint, default)).Status);
        return (account, wallet);
    }

    /// <summary>Buys a licence through the custodial purchase and waits until it is indexed.</summary>
    public async Task<PurchaseView> BuyAsync(ChainApp app, Guid researcher, ulong offerId, BigInteger price)
    {
        var service = app.Get<PurchaseService>();
        var purchase = await service.PurchaseAsync(offerId, researcher, new PurchaseAcceptance(price, DataUseTerms.Current.Version), default);
        PurchaseView? view = null;
        await Eventually.WaitAsync(async () => (view = await service.GetAsync(purchase.Id, default))!.Status is PurchaseStatus.Failed || view.Licence is not null,
            $"purchase {purchase.Id} settled and indexed");
        Assert.NotNull(view!.Licence);
        return view;
    }

    /// <summary>
    /// What GET /api/offers/{id}/package does for a researcher (the web endpoint's steps, over the same services): the
    /// dataset listed as the offer, the licence checked on chain, the download logged, the package's bytes.
    /// </summary>
    public static async Task<byte[]> DownloadAsync(ChainApp app, Guid researcher, ulong offerId)
    {
        var wallet = (await app.Get<IWalletRepository>().FindByAccountAsync(researcher, default))!.Address;
        var dataset = await app.Get<IDatasetStore>().FindByOfferAsync(offerId, default) ?? throw new DeliveryException($"no dataset is listed as offer {offerId}");
        if (!await app.Get<LicenceCheck>().HoldsAsync(wallet, offerId, default))
            throw new DeliveryException($"{wallet} holds no licence for offer {offerId}");
        await app.Get<IDownloadLog>().RecordAsync(new DownloadRecord(dataset.Id, offerId, researcher, wallet, null, null, DateTimeOffset.UtcNow), default);
        return await File.ReadAllBytesAsync(dataset.PackagePath);
    }

    public async Task<IReadOnlyList<EthAddress>> PayoutWalletsAsync(ChainApp app, ulong offerId)
    {
        var dataset = (await app.Get<IDatasetStore>().FindByOfferAsync(offerId, default))!;
        return (await app.Get<IDatasetStore>().PayoutsAsync(dataset.Id, default)).Select(l => l.Wallet).ToList();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
