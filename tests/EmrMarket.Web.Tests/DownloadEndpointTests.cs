using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests;

/// <summary>A listed offer bought by one researcher on anvil; the endpoint must serve only them.</summary>
public sealed class DownloadEndpointTests(DownloadEndpointTests.World world) : IClassFixture<DownloadEndpointTests.World>
{
    private const string Password = "a long enough password";

    public sealed class World : IAsyncLifetime
    {
        private readonly PostgresDatabase _database = new();
        public DeployedChain Chain { get; } = new();
        public EmrWebFactory App { get; private set; } = null!;
        public string Buyer { get; } = $"buyer-{Guid.NewGuid():N}@example.test";
        public string Other { get; } = $"other-{Guid.NewGuid():N}@example.test";
        public string Patient { get; } = $"patient-{Guid.NewGuid():N}@example.test";
        public ulong OfferId { get; private set; }
        public DatasetRecord Dataset { get; private set; } = null!;
        private readonly string _folder = Directory.CreateTempSubdirectory("emr-download-").FullName;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            await Chain.InitializeAsync();
            App = new EmrWebFactory(_database.ConnectionString, Chain.RpcUrl, Chain.DeploymentFile);
            await App.Services.GetRequiredService<EmrMarket.Data.MigrationRunner>().MigrateAsync(default);
            var accounts = App.Services.GetRequiredService<AccountService>();
            var wallets = App.Services.GetRequiredService<WalletService>();
            var buyer = await accounts.RegisterAsync(Buyer, "Buyer", Password, [Roles.Researcher], default);
            var other = await accounts.RegisterAsync(Other, "Other", Password, [Roles.Researcher], default);
            await accounts.RegisterAsync(Patient, "Patient", Password, [Roles.Patient], default);
            await wallets.EnsureCustodialWalletAsync(buyer.Id, default);
            await wallets.EnsureCustodialWalletAsync(other.Id, default);

            var package = await PackageWriter.WriteAsync(Path.Combine(_folder, "p.zip"), new PackageContent(Guid.NewGuid(), "T", "D", 1, 1,
                DateTimeOffset.UtcNow, 1, new JsonObject(), new JsonObject(), new JsonObject(), Keccak256.Hash("payout"), 1),
                [new DatasetTable("patients", "p", [new("pid", "string", "p")], Enumerable.Range(0, 2000).Select(i => new string?[] { $"p{i}" }).ToList())], default);
            OfferId = await ListAndBuyAsync(package, await wallets.OpenCustodialKeyAsync(buyer.Id, default));
            Dataset = new DatasetRecord(Guid.NewGuid(), "T", "D", 1, new JsonObject(), new JsonObject(), new JsonObject(), 1, "listed", 1, 2000,
                package.ManifestHash, package.RowsRoot, Keccak256.Hash("payout"), 1, package.Path, package.Bytes, null, null, "test", DateTimeOffset.UtcNow);
            var store = App.Services.GetRequiredService<IDatasetStore>();
            await store.SaveAsync(Dataset, [], [new PayoutLeaf(PrivateKey.Generate().Address, 1)], default);
            await store.SetStatusAsync(Dataset.Id, "listed", OfferId, default);
        }

        private async Task<ulong> ListAndBuyAsync(BuiltPackage package, PrivateKey buyer)
        {
            Contract At(string name) => new(Chain.Rpc, Chain.Address(name), ContractArtifacts.Get(name).Abi);
            var marketplace = At(ContractArtifacts.DataMarketplace);
            var dollar = At(ContractArtifacts.TestDollar);
            var curator = new TransactionSender(Chain.Rpc, Chain.Curator, Chain.ChainId);
            object?[] terms = [package.ManifestHash, package.RowsRoot, Keccak256.Hash("payout"), 1, 1UL, dollar.Address, 5_000_000, 0, 0];
            var offerId = (ulong)(BigInteger)(await marketplace.CallAsync<BigInteger>("nextOfferId"));
            await curator.SendAndWaitAsync(marketplace.Transaction("listOffer", terms, 0));
            await Chain.FundAsync(buyer.Address);
            await new TransactionSender(Chain.Rpc, Chain.Admin, Chain.ChainId).SendAndWaitAsync(dollar.Transaction("mint", buyer.Address, 5_000_000));
            var sender = new TransactionSender(Chain.Rpc, buyer, Chain.ChainId);
            await sender.SendAndWaitAsync(dollar.Transaction("approve", marketplace.Address, 5_000_000));
            await sender.SendAndWaitAsync(marketplace.Transaction("purchase", offerId, Keccak256.Hash("agreement")));
            return offerId;
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Chain.DisposeAsync();
            await _database.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Uri PackageUri(ulong offerId) => new($"/api/offers/{offerId}/package", UriKind.Relative);

    [Fact]
    public async Task Download_LicenceHolder_GetsThePackageByteForByteAndIsLogged()
    {
        var client = await SignedInClient.CreateAsync(world.App, world.Buyer, Password);
        var before = (await world.App.Services.GetRequiredService<IDownloadLog>().ForDatasetAsync(world.Dataset.Id, default)).Count;

        var bytes = await client.GetByteArrayAsync(PackageUri(world.OfferId));

        Assert.Equal(await File.ReadAllBytesAsync(world.Dataset.PackagePath), bytes);
        Assert.Equal(before + 1, (await world.App.Services.GetRequiredService<IDownloadLog>().ForDatasetAsync(world.Dataset.Id, default)).Count);
    }

    [Fact]
    public async Task Download_RangeRequest_ResumesFromTheOffset()
    {
        var client = await SignedInClient.CreateAsync(world.App, world.Buyer, Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, PackageUri(world.OfferId));
        request.Headers.Range = new RangeHeaderValue(100, null);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var whole = await File.ReadAllBytesAsync(world.Dataset.PackagePath);
        Assert.Equal(whole[100..], await response.Content.ReadAsByteArrayAsync());
        var logged = await world.App.Services.GetRequiredService<IDownloadLog>().ForDatasetAsync(world.Dataset.Id, default);
        Assert.Contains(logged, d => d.RangeStart == 100);
    }

    [Fact]
    public async Task Download_ResearcherWithoutLicence_IsRefusedWithoutAByte()
    {
        var client = await SignedInClient.CreateAsync(world.App, world.Other, Password);

        using var response = await client.GetAsync(PackageUri(world.OfferId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("holds no licence", body);
        Assert.DoesNotContain("PK", body[..Math.Min(2, body.Length)]);
    }

    [Fact]
    public async Task Download_PatientAccount_IsForbidden()
    {
        var client = await SignedInClient.CreateAsync(world.App, world.Patient, Password);

        using var response = await client.GetAsync(PackageUri(world.OfferId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Verify_DownloadedPackage_MatchesTheOfferOnChainAndATamperedOneDoesNot()
    {
        var check = world.App.Services.GetRequiredService<PackageCheck>();
        var bytes = await (await SignedInClient.CreateAsync(world.App, world.Buyer, Password)).GetByteArrayAsync(PackageUri(world.OfferId));

        var good = await check.VerifyAsync(world.OfferId, new MemoryStream(bytes), default);
        var other = await check.VerifyAsync(world.OfferId, new MemoryStream(await TamperedAsync(bytes)), default);

        Assert.True(good.Passed, string.Join("; ", good.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
        Assert.False(other.Passed);
        await Assert.ThrowsAsync<DeliveryException>(() => check.CommitmentsAsync(999_999, default));
    }

    private static async Task<byte[]> TamperedAsync(byte[] package)
    {
        using var copy = new MemoryStream();
        copy.Write(package);
        using (var zip = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("tables/patients.csv")!;
            entry.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("tables/patients.csv").Open());
            await writer.WriteAsync("pid\np0\n");
        }
        return copy.ToArray();
    }

    [Fact]
    public async Task Download_UnknownOffer_Is404()
    {
        var client = await SignedInClient.CreateAsync(world.App, world.Buyer, Password);

        using var response = await client.GetAsync(PackageUri(999_999));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
