using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Tests.Chain;
using EmrMarket.Fhir.Synthetic;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmrMarket.Data.Tests.Marketplace;

/// <summary>
/// A marketplace with data in it: 40 generated patients ingested, 30 of them with accounts, custodial wallets and
/// on-chain consent to every purpose (set directly on the registry), fresh contracts, and helpers to build, list,
/// buy and change consent. Tests of one class share it, so each changes the consent of its own patients and only
/// for its own purpose.
/// </summary>
public class MarketWorld : ChainDatabase
{
    public const int Consenting = 30;
    public const long Price = 5_000_000;

    public string Folder { get; } = Directory.CreateTempSubdirectory("emr-market-").FullName;

    /// <summary>The consenting patients: record id, account and custodial key (its address is their patient key).</summary>
    public List<(Guid Patient, Guid Account, PrivateKey Key)> Patients { get; } = [];

    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Datasets:StorageFolder"] = Path.Combine(Folder, "packages"),
        ["Revocation:Enabled"] = "false",
        ["Revocation:RebuildDelay"] = "00:00:00",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SyntheticGenerator.WriteAsync(Path.Combine(Folder, "fhir"), new SyntheticOptions { Seed = 5, Patients = 40 });
        await using var app = await StartAppAsync(workers: false, Settings);
        var store = app.Get<IIngestStore>();
        var provider = await store.CreateProviderAsync("general", "General Hospital", default);
        var ingest = new IngestService(store, new PendingBatchAnchor(), Options.Create(new IngestOptions()), NullLogger<IngestService>.Instance);
        await ingest.IngestAsync(new IngestRequest(provider.Code, "test", IngestSources.FromPaths([Path.Combine(Folder, "fhir")])), default);

        var directory = app.Get<IPatientDirectory>();
        var wallets = app.Get<WalletService>();
        foreach (var patient in (await directory.ListPatientsAsync(provider.Code, 40, default)).Take(Consenting))
        {
            var account = await NewAccountAsync();
            await directory.LinkAsync(patient, account, default);
            await wallets.EnsureCustodialWalletAsync(account, default);
            var key = await wallets.OpenCustodialKeyAsync(account, default);
            await Chain.FundAsync(key.Address);
            Patients.Add((patient, account, key));
        }
        await Task.WhenAll(Patients.Select(p => SetConsentAsync(p.Key, Purposes.All)));
    }

    public Task<ChainApp> StartMarketAsync(bool workers = true, IDictionary<string, string?>? settings = null)
    {
        var values = Settings;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return StartAppAsync(workers, values);
    }

    public Contract At(string name) => Chain.Contract(name);

    /// <summary>Sets a patient's consent with a direct ConsentRegistry.setConsent; returns the receipt.</summary>
    public Task<TransactionReceipt> SetConsentAsync(PrivateKey patient, Purpose purposes, ulong expiry = 0) =>
        new TransactionSender(Chain.Rpc, patient, Chain.ChainId).SendAndWaitAsync(
            At(ContractArtifacts.ConsentRegistry).Transaction("setConsent", (ulong)purposes, expiry));

    /// <summary>Waits until the indexer has read up to the chain's head.</summary>
    public async Task IndexedAsync(ChainApp app)
    {
        var head = await Chain.Rpc.BlockNumberAsync();
        await Eventually.WaitAsync(async () => (await app.Get<IChainIndexStore>().GetCursorAsync(default))?.Block.Number >= head,
            $"the indexer at block {head}");
    }

    public static DatasetRequest Request(Purpose purpose, DatasetPolicy? policy = null) => new(
        "Everyone", "All patients of the corpus", new CohortDefinition(), (ulong)purpose,
        policy ?? new DatasetPolicy { QuasiIdentifiers = ["age", "sex"], K = 2, SuppressionLimit = 0.5 }, ["4548-4", "2339-0"], "curator@example.test");

    /// <summary>Builds a dataset at the indexed head, after waiting for the indexer.</summary>
    public async Task<DatasetRecord> BuildAsync(ChainApp app, Purpose purpose, DatasetPolicy? policy = null)
    {
        await IndexedAsync(app);
        return (await app.Get<DatasetBuilder>().BuildAsync(Request(purpose, policy), default)).Dataset;
    }

    /// <summary>Lists the dataset through the curator key directly (as a curator's tool would); returns the offer id once indexed.</summary>
    public async Task<ulong> ListAsync(ChainApp app, DatasetRecord dataset, Purpose purpose)
    {
        var offerId = await Chain.ListOfferAsync(dataset, (ulong)purpose, Price);
        await app.Get<IDatasetStore>().SetStatusAsync(dataset.Id, "listed", offerId, default);
        await IndexedAsync(app);
        return offerId;
    }

    /// <summary>A researcher buys a licence of the offer (TestDollar, approve, purchase) and downloads it once; returns their key.</summary>
    public async Task<PrivateKey> BuyAndDownloadAsync(ChainApp app, ulong offerId, DatasetRecord dataset)
    {
        var account = await NewAccountAsync(Core.Accounts.Roles.Researcher);
        var buyer = await Chain.BuyAsync(offerId, Price);
        await app.Get<IDownloadLog>().RecordAsync(new DownloadRecord(dataset.Id, offerId, account, buyer.Address, null, null, DateTimeOffset.UtcNow), default);
        await IndexedAsync(app);
        return buyer;
    }

    public async Task<List<EthAddress>> WalletsOfAsync(Guid datasetId) =>
        (await QueryAsync<string>("select wallet from dataset_patients where dataset_id = @datasetId", new { datasetId })).Select(EthAddress.Parse).ToList();

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await Dapper.SqlMapper.QueryAsync<T>(connection, sql, parameters)).ToList();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
