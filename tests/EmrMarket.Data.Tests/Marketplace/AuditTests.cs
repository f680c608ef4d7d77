using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using EmrMarket.Core.Audit;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Fhir;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Marketplace;

/// <summary>The compliance views over a built, listed, bought and downloaded dataset, and over the consent trail.</summary>
public sealed class AuditTests(AuditTests.World world) : IClassFixture<AuditTests.World>
{
    /// <summary>A dataset built for academic research, listed, bought and downloaded; after it, one included patient revokes.</summary>
    public sealed class World : MarketWorld
    {
        public DatasetRecord Dataset { get; private set; } = null!;
        public ulong OfferId { get; private set; }
        public PrivateKey Buyer { get; private set; } = null!;
        public PrivateKey Changed => Patients[6].Key;
        public PrivateKey Trailed => Patients[7].Key;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var app = await StartMarketAsync();
            Dataset = await BuildAsync(app, Purpose.AcademicResearch);
            OfferId = await ListAsync(app, Dataset, Purpose.AcademicResearch);
            Buyer = await BuyAndDownloadAsync(app, OfferId, Dataset);
            await SetConsentAsync(Changed, Purposes.All & ~Purpose.AcademicResearch);
            // The trailed patient: all (fixture), then genetic studies taken away, then given back with an expiry.
            await SetConsentAsync(Trailed, Purposes.All & ~Purpose.GeneticStudies);
            await SetConsentAsync(Trailed, Purposes.All, (ulong)DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds());
            await IndexedAsync(app);
        }
    }

    [Fact]
    public async Task ProvenanceAsync_AfterALaterRevocation_ListsExactlyTheConsentStatesAtItsBlock()
    {
        await using var app = await world.StartMarketAsync();
        var provenance = (await app.Get<AuditService>().ProvenanceAsync(world.Dataset.Id, default))!;

        var wallets = await world.WalletsOfAsync(world.Dataset.Id);
        Assert.Equal(wallets.Order(), provenance.Consents.Select(c => c.Patient));
        Assert.Contains(world.Changed.Address, wallets);
        var registry = world.At(ContractArtifacts.ConsentRegistry);
        foreach (var consent in provenance.Consents)
        {
            // The chain itself at the consent block is the oracle.
            var onChain = (object?[])(await registry.CallAsync("consentOf", [consent.Patient], BlockTag.Number(world.Dataset.ConsentBlock)))[0]!;
            Assert.Equal((ulong)(BigInteger)onChain[0]!, (ulong)consent.State!.Purposes);
            Assert.Equal((ulong)(BigInteger)onChain[1]!, consent.State.Expiry);
            Assert.Equal((ulong)(BigInteger)onChain[2]!, consent.State.Version);
            Assert.True(consent.State.At.BlockNumber <= world.Dataset.ConsentBlock);
            Assert.True(consent.Covered);
        }
        Assert.True(provenance.Consents.Single(c => c.Patient == world.Changed.Address).State!.Purposes.HasFlag(Purpose.AcademicResearch));
        Assert.NotNull(provenance.ConsentBlockTime);
    }

    [Fact]
    public async Task ProvenanceAsync_ListedBoughtDownloaded_ShowsOfferPurchaseLicenceAndDownload()
    {
        await using var app = await world.StartMarketAsync();
        var provenance = (await app.Get<AuditService>().ProvenanceAsync(world.Dataset.Id, default))!;

        Assert.Equal(new BigInteger(world.OfferId), Assert.Single(provenance.Offers).OfferId);
        var purchase = Assert.Single(provenance.Purchases);
        Assert.Equal(world.Buyer.Address, purchase.Buyer);
        Assert.Equal(new BigInteger(MarketWorld.Price), purchase.Price);
        Assert.Equal(new BigInteger(MarketWorld.Price * 250 / 10_000), purchase.Fee);
        Assert.Equal(Keccak256.Hash("agreement " + world.Buyer.Address), purchase.AgreementHash);
        Assert.Equal(world.Buyer.Address, Assert.Single(provenance.LicenceHolders).Holder);
        var download = Assert.Single(provenance.Downloads);
        Assert.Equal(world.Buyer.Address, download.Wallet);
        Assert.EndsWith("@example.test", download.AccountEmail);
        // The policy comes back from jsonb, which keeps its own key order: compare the JSON, not its text.
        Assert.True(JsonNode.DeepEquals(world.Dataset.Policy, provenance.Dataset.Policy),
            $"{world.Dataset.Policy.ToJsonString()} != {provenance.Dataset.Policy.ToJsonString()}");
        Assert.Empty(provenance.Revocations);
        Assert.Null(await app.Get<AuditService>().ProvenanceAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task VerifyAsync_ListedPackage_MatchesTheChain()
    {
        await using var app = await world.StartMarketAsync();

        var verification = await app.Get<AuditService>().VerifyAsync(world.Dataset.Id, default);

        Assert.True(verification.Passed, string.Join("\n", verification.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
        Assert.Contains(verification.Checks, c => c.Name == "manifest hash" && c.Detail.Contains("the offer on chain"));
        await Assert.ThrowsAsync<AuditException>(() => app.Get<AuditService>().VerifyAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task TrailAsync_ByPatient_NewestFirstWithWhatEachChangeReplaced()
    {
        await using var app = await world.StartMarketAsync();

        var trail = await app.Get<AuditService>().TrailAsync(new ConsentTrailQuery(world.Trailed.Address), default);

        Assert.Equal(new ulong[] { 3, 2, 1 }, trail.Select(e => e.Version));
        Assert.Equal(Purpose.GeneticStudies, trail[0].Granted);
        Assert.Equal(Purpose.GeneticStudies, trail[1].Revoked);
        Assert.Equal(Purposes.All, trail[2].Granted);
        Assert.Null(trail[0].SupersededAt);
        Assert.Equal(trail[0].At.BlockTime, trail[1].SupersededAt);
        Assert.NotEqual(0ul, trail[0].Expiry);
    }

    [Theory]
    [InlineData(ConsentChangeKind.Revoke, Purpose.GeneticStudies, new ulong[] { 2 })]
    [InlineData(ConsentChangeKind.Grant, Purpose.GeneticStudies, new ulong[] { 3, 1 })]
    [InlineData(ConsentChangeKind.Revoke, Purpose.PublicHealth, new ulong[0])]
    [InlineData(ConsentChangeKind.Any, Purpose.PublicHealth, new ulong[] { 3, 2, 1 })]
    [InlineData(ConsentChangeKind.Grant, null, new ulong[] { 3, 1 })]
    public async Task TrailAsync_KindAndPurpose_KeepTheMatchingChanges(ConsentChangeKind kind, Purpose? purpose, ulong[] versions)
    {
        await using var app = await world.StartMarketAsync();

        var trail = await app.Get<AuditService>().TrailAsync(new ConsentTrailQuery(world.Trailed.Address, purpose, Kind: kind), default);

        Assert.Equal(versions, trail.Select(e => e.Version));
    }

    [Fact]
    public async Task TrailAsync_TimeWindowAndPages_AgreeWithTheWholeTrail()
    {
        await using var app = await world.StartMarketAsync();
        var audit = app.Get<AuditService>();
        var all = await audit.TrailAsync(new ConsentTrailQuery(Limit: 100_000), default);
        var from = all[all.Count / 2].At.BlockTime;

        var windowed = await audit.TrailAsync(new ConsentTrailQuery(From: from, To: from.AddSeconds(1)), default);
        var first = await audit.TrailAsync(new ConsentTrailQuery(Limit: 5), default);
        var second = await audit.TrailAsync(new ConsentTrailQuery(Limit: 5, Before: (first[^1].At.BlockNumber, first[^1].At.LogIndex)), default);

        Assert.Equal(all.Where(e => e.At.BlockTime >= from && e.At.BlockTime < from.AddSeconds(1)), windowed);
        Assert.Equal(all.Take(10), first.Concat(second));
        Assert.True(all.Count >= MarketWorld.Consenting + 3);
        await Assert.ThrowsAsync<AuditException>(() => audit.TrailAsync(new ConsentTrailQuery(Limit: 0), default));
        await Assert.ThrowsAsync<AuditException>(() => audit.TrailAsync(new ConsentTrailQuery(Purpose: Purpose.None), default));
        Assert.Throws<AuditException>(() => PatientKey.Parse("patient-42"));
    }

    [Fact]
    public async Task ExportTrailCsvAsync_OneRowPerChange_WithItsTransaction()
    {
        await using var app = await world.StartMarketAsync();
        var query = new ConsentTrailQuery(world.Trailed.Address);
        var trail = await app.Get<AuditService>().TrailAsync(query, default);
        using var output = new MemoryStream();

        await app.Get<AuditService>().ExportTrailCsvAsync(query, output, default);

        var rows = Csv.SplitRows(new StringReader(Encoding.UTF8.GetString(output.ToArray()))).Select(r => r.Split(',')).ToList();
        Assert.Equal("patient", rows[0][0]);
        Assert.Equal(trail.Count, rows.Count - 1);
        var column = rows[0].ToList();
        for (var i = 0; i < trail.Count; i++)
        {
            Assert.Equal(PatientKey.Of(world.Trailed.Address), rows[i + 1][column.IndexOf("patient")]);
            Assert.Equal(trail[i].At.TransactionHash.ToString(), rows[i + 1][column.IndexOf("tx_hash")]);
        }
        Assert.Equal("GENETIC_STUDIES", rows[2][column.IndexOf("revoked")]);
    }

    [Fact]
    public async Task ExportTrailFhirAsync_OurReaderReadsOneConsentPerVersionBack()
    {
        await using var app = await world.StartMarketAsync();
        var query = new ConsentTrailQuery(world.Trailed.Address);
        var trail = await app.Get<AuditService>().TrailAsync(query, default);
        using var output = new MemoryStream();

        await app.Get<AuditService>().ExportTrailFhirAsync(query, output, default);

        output.Position = 0;
        var read = new List<FhirEntry>();
        await foreach (var entry in new FhirUnitReader(output, "consents.json", FhirFormat.Bundle).ReadAsync()) read.Add(entry);
        Assert.Equal(trail.Count, read.Count);
        Assert.All(read, e => Assert.Equal("Consent", e.Resource.Key.Type));
        Assert.Equal(read.Count, read.Select(e => e.Resource.Key.Id).Distinct().Count());
        var resources = read.Select(e => JsonNode.Parse(e.Resource.Canonical)!).ToList();
        Assert.Equal(new[] { "active", "inactive", "inactive" }, resources.Select(r => (string)r["status"]!));
        Assert.All(resources, r => Assert.Equal($"eip155:{world.Chain.ChainId}:{PatientKey.Of(world.Trailed.Address)}",
            (string)r["patient"]!["identifier"]!["value"]!));
        var revoked = resources[1]["provision"]!["provision"]!.AsArray()
            .Single(p => p!["purpose"]!.AsArray().Any(c => (string)c!["code"]! == "GENETIC_STUDIES"))!;
        Assert.Equal("deny", (string)revoked["type"]!);
        Assert.Equal(trail[1].At.TransactionHash.ToString(), ((string)resources[1]["sourceReference"]!["identifier"]!["value"]!).Split(':')[^1]);
    }

    [Fact]
    public async Task ExportDatasetConsentsFhirAsync_OneActiveConsentPerIncludedPatient()
    {
        await using var app = await world.StartMarketAsync();
        using var output = new MemoryStream();

        await app.Get<AuditService>().ExportDatasetConsentsFhirAsync(world.Dataset.Id, output, default);

        var bundle = JsonNode.Parse(output.ToArray())!;
        var consents = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        Assert.Equal(world.Dataset.PatientCount, consents.Count);
        Assert.All(consents, c => Assert.Equal("active", (string)c["status"]!));
        Assert.All(consents, c => Assert.Contains(c["provision"]!["provision"]!.AsArray(),
            p => (string)p!["type"]! == "permit" && p["purpose"]!.AsArray().Any(x => (string)x!["code"]! == "HRESCH")));
    }

    [Fact]
    public async Task ExportProvenanceAsync_ZipHoldsEverySectionOfTheDataset()
    {
        await using var app = await world.StartMarketAsync();
        var audit = app.Get<AuditService>();
        var verification = await audit.VerifyAsync(world.Dataset.Id, default);
        using var output = new MemoryStream();

        await audit.ExportProvenanceAsync(world.Dataset.Id, verification, output, default);

        using var zip = new ZipArchive(new MemoryStream(output.ToArray()));
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        Assert.Equal(new[] { "cohort.json", "consents-at-block.csv", "dataset.csv", "downloads.csv", "integrity-check.csv", "licence-holders.csv", "offers.csv",
            "policy.json", "privacy-report.json", "purchases.csv", "revocations.csv" }, zip.Entries.Select(e => e.FullName).Order());
        Assert.Equal(world.Dataset.PatientCount + 1, Csv.SplitRows(new StringReader(Read("consents-at-block.csv"))).Count());
        Assert.Contains(world.Buyer.Address.ToString(), Read("purchases.csv"));
        Assert.Contains($"manifest_hash,{world.Dataset.ManifestHash}", Read("dataset.csv"));
        Assert.DoesNotContain(",no,", Read("integrity-check.csv"));
        await Assert.ThrowsAsync<AuditException>(() => audit.ExportProvenanceAsync(Guid.NewGuid(), null, Stream.Null, default));
    }
}
