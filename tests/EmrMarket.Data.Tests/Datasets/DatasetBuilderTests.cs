using System.IO.Compression;
using Dapper;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Accounts;
using EmrMarket.Data.Datasets;
using EmrMarket.Data.Memberships;
using EmrMarket.Data.Wallets;
using EmrMarket.Fhir.Synthetic;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmrMarket.Data.Tests.Datasets;

/// <summary>A build on real PostgreSQL and anvil: 40 generated patients, 30 consent, 3 of those revoke.</summary>
public sealed class DatasetBuilderTests(DatasetBuilderTests.World world) : IClassFixture<DatasetBuilderTests.World>
{
    private const ulong Academic = 1, ClinicalTrials = 4, Genetic = 8;

    public sealed class World : IAsyncLifetime
    {
        public IngestHarness Harness { get; } = new();
        public DeployedChain Chain { get; } = new();
        public string Folder { get; } = Directory.CreateTempSubdirectory("emr-build-").FullName;
        public List<(Guid Patient, PrivateKey Key)> Patients { get; } = [];
        public HashSet<EthAddress> Consenting { get; } = [];
        public HashSet<EthAddress> Revoked { get; } = [];

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            await Chain.InitializeAsync();
            await SyntheticGenerator.WriteAsync(Path.Combine(Folder, "fhir"), new SyntheticOptions { Seed = 5, Patients = 40 });
            await Harness.IngestAsync(Path.Combine(Folder, "fhir"));
            var directory = new PatientDirectory(Harness.DataSource, Harness.Patients());
            var accounts = new AccountService(new AccountRepository(Harness.DataSource), TimeProvider.System);
            var wallets = new WalletService(new WalletRepository(Harness.DataSource), new WalletVault(Harness.DataSource, Harness.Ring()), TimeProvider.System);
            var registry = new Contract(Chain.Rpc, Chain.Address(ContractArtifacts.ConsentRegistry), ContractArtifacts.Get(ContractArtifacts.ConsentRegistry).Abi);
            foreach (var patient in await directory.ListPatientsAsync(Harness.Provider.Code, 40, default))
            {
                var account = await accounts.RegisterAsync($"b-{Guid.NewGuid():N}@example.test", "B", "long enough password", [Roles.Patient], default);
                await directory.LinkAsync(patient, account.Id, default);
                await wallets.EnsureCustodialWalletAsync(account.Id, default);
                Patients.Add((patient, await wallets.OpenCustodialKeyAsync(account.Id, default)));
            }
            for (var i = 0; i < 30; i++)
            {
                var key = Patients[i].Key;
                await Chain.FundAsync(key.Address);
                var sender = new TransactionSender(Chain.Rpc, key, Chain.ChainId);
                await sender.SendAndWaitAsync(registry.Transaction("setConsent", Academic | ClinicalTrials, 0UL));
                if (i < 3)
                {
                    await sender.SendAndWaitAsync(registry.Transaction("setConsent", ClinicalTrials, 0UL));
                    Revoked.Add(key.Address);
                }
                else Consenting.Add(key.Address);
            }
        }

        public async Task DisposeAsync()
        {
            await Chain.DisposeAsync();
            await Harness.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }

        public DatasetBuilder Builder() => new(new CohortQueries(Harness.DataSource), Snapshot(), new ClinicalExtracts(Harness.DataSource),
            new DatasetStore(Harness.DataSource), Options.Create(new DatasetOptions { StorageFolder = Path.Combine(Folder, "packages") }),
            TimeProvider.System, NullLogger<DatasetBuilder>.Instance);

        public ChainConsentSnapshot Snapshot() => new(Chain.Rpc, Options.Create(new ChainOptions { RpcUrl = Chain.RpcUrl.ToString(), ChainId = Chain.ChainId, DeploymentFile = Chain.DeploymentFile }));
    }

    private static DatasetRequest Request(ulong purposes, DatasetPolicy? policy = null) => new(
        "All adults", "Everyone in the corpus", new CohortDefinition(), purposes,
        policy ?? new DatasetPolicy { QuasiIdentifiers = ["age", "sex"], K = 2, SuppressionLimit = 0.5 }, ["4548-4", "2339-0"], "test");

    [Fact]
    public async Task ConsentingAsync_RevokedAndNeverConsented_AreLeftOut()
    {
        var snapshot = world.Snapshot();
        var block = await snapshot.CompleteUpToAsync(default);

        var consenting = await snapshot.ConsentingAsync(world.Patients.Select(p => p.Key.Address).ToList(), Academic, block, default);

        Assert.Equal(world.Consenting.OrderBy(a => a), consenting.OrderBy(a => a));
    }

    [Fact]
    public async Task BuildAsync_Academic_IncludesOnlyPatientsConsentingAtTheBlock()
    {
        var build = await world.Builder().BuildAsync(Request(Academic), default);

        await using var connection = await world.Harness.DataSource.OpenConnectionAsync();
        var wallets = (await connection.QueryAsync<string>("select wallet from dataset_patients where dataset_id = @id", new { id = build.Dataset.Id }))
            .Select(EthAddress.Parse).ToList();
        Assert.NotEmpty(wallets);
        Assert.All(wallets, w => Assert.Contains(w, world.Consenting));
        Assert.DoesNotContain(wallets, w => world.Revoked.Contains(w));
        Assert.Equal(world.Consenting.Count, build.Consenting);
        Assert.Equal(build.Consenting - build.Suppressed, build.Dataset.PatientCount);
    }

    [Fact]
    public async Task BuildAsync_Package_VerifiesAgainstItsCommitmentsAndIsKAnonymous()
    {
        var build = await world.Builder().BuildAsync(Request(Academic), default);
        var d = build.Dataset;

        await using (var stream = File.OpenRead(d.PackagePath))
        {
            var verification = await PackageVerifier.VerifyAsync(stream, new OnChainCommitments(d.ManifestHash, d.RowsRoot, d.PayoutRoot, d.TotalWeight), default);
            Assert.True(verification.Passed, string.Join("\n", verification.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
        }
        using var zip = ZipFile.OpenRead(d.PackagePath);
        using var reader = new StreamReader(zip.GetEntry("tables/patients.csv")!.Open());
        var rows = Csv.SplitRows(reader).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.All(rows.GroupBy(r => (r[1], r[2])), g => Assert.True(g.Count() >= 2, $"class {g.Key} has {g.Count()} rows"));
    }

    [Fact]
    public async Task BuildAsync_PayoutTree_HasOneLeafPerIncludedWalletWeightedByRows()
    {
        var build = await world.Builder().BuildAsync(Request(Academic), default);

        var leaves = await new DatasetStore(world.Harness.DataSource).PayoutsAsync(build.Dataset.Id, default);
        var tree = new PayoutTree(leaves);
        Assert.Equal(build.Dataset.PayoutRoot, tree.Root);
        Assert.Equal(build.Dataset.TotalWeight, tree.TotalWeight);
        Assert.Equal(build.Dataset.PatientCount, leaves.Count);
        Assert.Equal(build.Dataset.RowCount, (long)tree.TotalWeight);
    }

    [Fact]
    public async Task BuildAsync_PurposeNobodyConsentedTo_FailsAndStoresNothing()
    {
        var before = await world.Harness.CountAsync("select count(*) from datasets");

        var error = await Assert.ThrowsAsync<DatasetException>(() => world.Builder().BuildAsync(Request(Genetic), default));

        Assert.Contains("consents to this purpose", error.Message);
        Assert.Equal(before, await world.Harness.CountAsync("select count(*) from datasets"));
    }

    [Fact]
    public async Task BuildAsync_UnmeetableK_FailsSayingWhy()
    {
        var policy = new DatasetPolicy { QuasiIdentifiers = ["age", "sex", "zip3", "race", "ethnicity"], K = 40, SuppressionLimit = 0 };

        var error = await Assert.ThrowsAsync<DatasetException>(() => world.Builder().BuildAsync(Request(Academic, policy), default));

        Assert.Contains("privacy model cannot be met", error.Message);
    }

    [Fact]
    public async Task BuildAsync_Package_HoldsNoPatientNameOrFullDate()
    {
        var build = await world.Builder().BuildAsync(Request(ClinicalTrials), default);
        var names = new List<string>();
        foreach (var (patient, _) in world.Patients.Take(30))
        {
            await using var connection = await world.Harness.DataSource.OpenConnectionAsync();
            var source = await connection.QuerySingleAsync<string>("select source_id from patients where id = @patient", new { patient });
            var decrypted = await world.Harness.Patients().FindAsync(world.Harness.Provider.Id, source, default);
            names.AddRange(decrypted!.Identifiers.Names.Select(n => n.Family).OfType<string>());
        }

        using var zip = ZipFile.OpenRead(build.Dataset.PackagePath);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tables/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var text = await reader.ReadToEndAsync();
            Assert.DoesNotMatch(@"\b\d{4}-\d{2}-\d{2}\b", text);
            foreach (var name in names.Where(n => n.Length > 3)) Assert.DoesNotContain($",{name},", text);
        }
    }
    [Fact]
    public async Task PreviewAsync_SamePolicy_ReportsWhatTheBuildGivesAndStoresNothing()
    {
        var before = await world.Harness.CountAsync("select count(*) from datasets");
        var preview = await world.Builder().PreviewAsync(Request(Academic), default);
        Assert.Equal(before, await world.Harness.CountAsync("select count(*) from datasets"));

        var stages = new List<BuildStage>();
        var build = await world.Builder().BuildAsync(Request(Academic), new SynchronousProgress(stages), default);

        Assert.Equal(build.Report.ToJson(), preview.Report.ToJson());
        Assert.Equal((build.Matching, build.Consenting, build.Dataset.ConsentBlock), (preview.Matching, preview.Consenting, preview.ConsentBlock));
        Assert.Equal(Enum.GetValues<BuildStage>(), stages);
    }

    [Fact]
    public async Task PreviewAsync_UnmeetableL_ReportsWhyInsteadOfThrowing()
    {
        var policy = new DatasetPolicy { QuasiIdentifiers = ["age", "sex"], K = 2, L = 20, SuppressionLimit = 0 };

        var preview = await world.Builder().PreviewAsync(Request(Academic, policy), default);

        Assert.NotEqual(EmrMarket.Deid.AnonymizationStatus.Anonymized, preview.Report.Status);
        Assert.Null(preview.Report.OutputRisk);
        Assert.False(string.IsNullOrWhiteSpace(preview.Report.Summary));
        Assert.Equal(world.Consenting.Count, preview.Consenting);
    }

    private sealed class SynchronousProgress(List<BuildStage> stages) : IProgress<BuildStage>
    {
        public void Report(BuildStage value) => stages.Add(value);
    }
}
