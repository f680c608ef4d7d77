using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Patients;
using EmrMarket.Fhir.Synthetic;
using EmrMarket.Testing;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>
/// A <see cref="ChainWorld"/> with records in it: generated patients ingested for one provider, <see cref="Patients"/>
/// of them with accounts and relayed consent to every purpose; helpers to build and list a dataset and to buy it.
/// </summary>
public sealed class MarketChainWorld : ChainWorld
{
    public const long Price = 10_000_000;
    private const string Provider = "general";

    private readonly string _folder = Directory.CreateTempSubdirectory("emr-web-market-").FullName;

    public List<TestAccount> Patients { get; } = [];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Datasets:StorageFolder"] = Path.Combine(_folder, "packages"),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SyntheticGenerator.WriteAsync(Path.Combine(_folder, "fhir"), new SyntheticOptions { Seed = 8, Patients = 12 });
        var store = Get<IIngestStore>();
        await store.CreateProviderAsync(Provider, "General Hospital", default);
        await Get<IngestService>().IngestAsync(new IngestRequest(Provider, "test", IngestSources.FromPaths([Path.Combine(_folder, "fhir")])), default);
        var requests = new List<long>();
        foreach (var (record, i) in (await Get<IPatientDirectory>().ListPatientsAsync(Provider, 10, default)).Select((r, i) => (r, i)))
        {
            var account = await NewAccountAsync(Roles.Patient, $"Patient {i + 1}");
            await Get<IPatientDirectory>().LinkAsync(record, account.Id, default);
            requests.Add((await Get<ConsentService>().GrantAsync(account.Id, Purposes.All, null, default)).Id);
            Patients.Add(account);
        }
        await Eventually.WaitAsync(async () =>
        {
            foreach (var id in requests)
                if ((await Get<IConsentRequestStore>().GetAsync(id, default))!.Status != ConsentRequestStatus.Confirmed) return false;
            return true;
        }, "every patient's consent confirmed", TimeSpan.FromSeconds(60));
    }

    /// <summary>Builds a dataset of every consenting patient at the indexed head and lists it with the curator key; returns its offer id.</summary>
    public async Task<(DatasetRecord Dataset, ulong OfferId)> BuildAndListAsync(string title)
    {
        await IndexedAsync();
        var policy = new DatasetPolicy { QuasiIdentifiers = ["sex"], K = 2, SuppressionLimit = 0.5 };
        var dataset = (await Get<DatasetBuilder>().BuildAsync(new DatasetRequest(title, "Everyone", new CohortDefinition(),
            (ulong)Purpose.AcademicResearch, policy, ["4548-4"], "curator@example.test"), default)).Dataset;
        var offerId = await Chain.ListOfferAsync(dataset, (ulong)Purpose.AcademicResearch, Price);
        await Get<IDatasetStore>().SetStatusAsync(dataset.Id, "listed", offerId, default);
        await IndexedAsync();
        return (dataset, offerId);
    }

    /// <summary>A fresh buyer key pays for a licence of the offer directly on chain (mint, approve, purchase).</summary>
    public Task BuyAsync(ulong offerId) => Chain.BuyAsync(offerId, Price);

    public async Task IndexedAsync()
    {
        var head = await Chain.Rpc.BlockNumberAsync();
        await Eventually.WaitAsync(async () => (await Get<IChainIndexStore>().GetCursorAsync(default))?.Block.Number >= head, $"the indexer at block {head}");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
