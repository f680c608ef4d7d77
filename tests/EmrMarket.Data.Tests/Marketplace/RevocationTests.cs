using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Revocation;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Marketplace;

/// <summary>
/// Revocation after listing on PostgreSQL and anvil: each test lists a dataset for a purpose of its own, revokes that
/// purpose for patients of its own, and runs the revocation worker's rounds (or the worker itself).
/// </summary>
public sealed class RevocationTests(MarketWorld world) : IClassFixture<MarketWorld>
{
    private static async Task<RevocationCase> SettledAsync(ChainApp app, ulong offerId)
    {
        var processor = app.Get<RevocationProcessor>();
        var store = app.Get<IRevocationStore>();
        RevocationCase? found = null;
        await Eventually.WaitAsync(async () =>
        {
            await processor.RunOnceAsync([offerId], sweepAll: false, default);
            found = await store.FindAsync(offerId, default);
            return found is { IsActive: false };
        }, $"the revocation case of offer {offerId} settled");
        return found!;
    }

    private static IReadOnlyList<RevocationStep> Steps(IEnumerable<RevocationAction> trail) => trail.Select(a => a.Step).ToList();

    [Fact]
    public async Task RunOnce_IncludedPatientRevokes_OfferPausedRebuiltWithoutThemAndRelisted()
    {
        await using var app = await world.StartMarketAsync();
        var old = await world.BuildAsync(app, Purpose.ClinicalTrials);
        var offerId = await world.ListAsync(app, old, Purpose.ClinicalTrials);
        var buyer = await world.BuyAndDownloadAsync(app, offerId, old);
        var patient = world.Patients[0].Key;
        Assert.Contains(patient.Address, await world.WalletsOfAsync(old.Id));

        var revoked = await world.SetConsentAsync(patient, Purposes.All & ~Purpose.ClinicalTrials);
        await world.IndexedAsync(app);
        var settled = await SettledAsync(app, offerId);

        Assert.Equal(RevocationCaseStatus.Done, settled.Status);
        var market = app.Get<IMarketReadModel>();
        var replacement = await market.OfferAsync(settled.NewOfferId!.Value, default);
        Assert.Equal(OfferStatus.Delisted, (await market.OfferAsync(offerId, default))!.Status);
        Assert.Equal(OfferStatus.Active, replacement!.Status);
        Assert.Equal(new BigInteger(offerId), replacement.ReplacesOfferId);
        var rebuilt = (await app.Get<IDatasetStore>().FindAsync(settled.NewDatasetId!.Value, default))!;
        Assert.Equal(rebuilt.ManifestHash, replacement.Terms.ManifestHash);
        Assert.Equal(old.Id, rebuilt.ReplacesDatasetId);
        Assert.Equal("listed", rebuilt.Status);
        Assert.Equal("superseded", (await app.Get<IDatasetStore>().FindAsync(old.Id, default))!.Status);
        Assert.True(rebuilt.ConsentBlock >= revoked.BlockNumber);
        Assert.DoesNotContain(patient.Address, await world.WalletsOfAsync(rebuilt.Id));
        Assert.Contains(patient.Address, await world.WalletsOfAsync(old.Id));

        var trail = await app.Get<RevocationService>().TrailOfOfferAsync(offerId, default);
        Assert.Equal([RevocationStep.Detected, RevocationStep.PauseQueued, RevocationStep.Paused, RevocationStep.Rebuilt, RevocationStep.ListQueued,
            RevocationStep.Listed, RevocationStep.Delisted], Steps(trail));
        var detected = trail[0];
        Assert.Equal(patient.Address, detected.Wallet);
        Assert.Equal(revoked.TransactionHash, detected.ConsentEvent!.TransactionHash);
        Assert.Contains("Clinical trials missing", detected.Detail);
        Assert.NotNull(trail.Single(a => a.Step == RevocationStep.Paused).TransactionHash);
        Assert.Equal(rebuilt.Id, trail.Single(a => a.Step == RevocationStep.Rebuilt).NewDatasetId);
        Assert.Equal(settled.NewOfferId, trail.Single(a => a.Step == RevocationStep.Listed).NewOfferId);

        // What was sold before stays sold: the licence, the purchase and the download log.
        Assert.True(await app.Get<LicenceCheck>().HoldsAsync(buyer.Address, offerId, default));
        Assert.Contains(await market.PurchasesOfOfferAsync(offerId, default), p => p.Buyer == buyer.Address);
        Assert.Single(await app.Get<IDownloadLog>().ForDatasetAsync(old.Id, default));
    }

    [Fact]
    public async Task RunOnce_TwoRevocationsTogether_OneRebuildWithoutEither()
    {
        await using var app = await world.StartMarketAsync();
        var old = await world.BuildAsync(app, Purpose.GeneticStudies);
        var offerId = await world.ListAsync(app, old, Purpose.GeneticStudies);
        var (first, second) = (world.Patients[1].Key, world.Patients[2].Key);

        await Task.WhenAll(world.SetConsentAsync(first, Purposes.All & ~Purpose.GeneticStudies), world.SetConsentAsync(second, Purpose.AcademicResearch | Purpose.ClinicalTrials | Purpose.PublicHealth | Purpose.CommercialResearch | Purpose.AiTraining));
        await world.IndexedAsync(app);
        var settled = await SettledAsync(app, offerId);

        var trail = await app.Get<RevocationService>().TrailOfOfferAsync(offerId, default);
        Assert.Equal(RevocationCaseStatus.Done, settled.Status);
        Assert.Equal(new[] { first.Address, second.Address }.Order(), trail.Where(a => a.Step == RevocationStep.Detected).Select(a => a.Wallet!.Value).Order());
        Assert.Single(trail, a => a.Step == RevocationStep.Rebuilt);
        Assert.Single(await world.QueryAsync<Guid>("select id from datasets where replaces_dataset_id = @id", new { id = old.Id }));
        var wallets = await world.WalletsOfAsync(settled.NewDatasetId!.Value);
        Assert.DoesNotContain(first.Address, wallets);
        Assert.DoesNotContain(second.Address, wallets);
    }

    [Fact]
    public async Task RunOnce_RebuildFailsThePrivacyModel_OfferStaysPausedAndTheTrailSaysWhy()
    {
        await using var app = await world.StartMarketAsync();
        // k = every consenting patient: one fewer cannot be released.
        var policy = new DatasetPolicy { QuasiIdentifiers = ["sex"], K = MarketWorld.Consenting, SuppressionLimit = 0 };
        var old = await world.BuildAsync(app, Purpose.PublicHealth, policy);
        var offerId = await world.ListAsync(app, old, Purpose.PublicHealth);

        await world.SetConsentAsync(world.Patients[3].Key, Purposes.All & ~Purpose.PublicHealth);
        await world.IndexedAsync(app);
        var settled = await SettledAsync(app, offerId);

        Assert.Equal(RevocationCaseStatus.Failed, settled.Status);
        Assert.Contains("privacy model cannot be met", settled.Failure);
        Assert.Equal(OfferStatus.Paused, (await app.Get<IMarketReadModel>().OfferAsync(offerId, default))!.Status);
        var trail = await app.Get<RevocationService>().TrailOfOfferAsync(offerId, default);
        Assert.Equal([RevocationStep.Detected, RevocationStep.PauseQueued, RevocationStep.Paused, RevocationStep.RebuildFailed], Steps(trail));
        Assert.Contains("stays paused", trail[^1].Detail);
        Assert.Contains(await app.Get<RevocationService>().QueueAsync(default), q => q.Case.OfferId == offerId && q.PatientsDetected == 1);
        Assert.Empty(await world.QueryAsync<Guid>("select id from datasets where replaces_dataset_id = @id", new { id = old.Id }));

        await app.Get<RevocationService>().RetryAsync(offerId, "curator@example.test", default);
        var again = await SettledAsync(app, offerId);
        Assert.Equal(RevocationCaseStatus.Failed, again.Status);
        Assert.Equal(2, again.Attempt);
        Assert.Equal(2, (await app.Get<RevocationService>().TrailOfOfferAsync(offerId, default)).Count(a => a.Step == RevocationStep.RebuildFailed));
        var notFailed = await Assert.ThrowsAsync<RevocationException>(() => app.Get<RevocationService>().RetryAsync(offerId + 1000, "c", default));
        Assert.Contains("no revocation case", notFailed.Message);
    }

    [Fact]
    public async Task Sweep_OfferListedAfterItsPatientRevoked_IsReplacedToo()
    {
        await using var app = await world.StartMarketAsync();
        var old = await world.BuildAsync(app, Purpose.CommercialResearch);
        var patient = world.Patients[4].Key;
        await world.SetConsentAsync(patient, Purposes.All & ~Purpose.CommercialResearch);
        await world.IndexedAsync(app);
        await app.Get<RevocationProcessor>().RunOnceAsync([], sweepAll: false, default);

        var offerId = await world.ListAsync(app, old, Purpose.CommercialResearch);
        var settled = await SettledAsync(app, offerId);

        Assert.Equal(RevocationCaseStatus.Done, settled.Status);
        Assert.DoesNotContain(patient.Address, await world.WalletsOfAsync(settled.NewDatasetId!.Value));
    }

    [Fact]
    public async Task Sweep_DatasetHoldsWalletsNeverCoveredAtItsSnapshot_OpensNoCase()
    {
        await using var app = await world.StartMarketAsync();
        await world.IndexedAsync(app);
        var block = (await app.Get<IChainIndexStore>().GetCursorAsync(default))!.Block.Number;
        var tree = PayoutTree.FromWeights([(PrivateKey.Generate().Address, 2), (PrivateKey.Generate().Address, 3)]);
        var dataset = new DatasetRecord(Guid.CreateVersion7(), "Never consented", "wallets without consent", (ulong)Purpose.AcademicResearch,
            new JsonObject(), new JsonObject(), new JsonObject(), block, "built", tree.Leaves.Count, (long)tree.TotalWeight,
            Keccak256.Hash(Guid.NewGuid().ToByteArray()), Keccak256.Hash(Guid.NewGuid().ToByteArray()), tree.Root, tree.TotalWeight,
            "/nonexistent/package.zip", 0, null, null, "test", DateTimeOffset.UtcNow);
        await app.Get<IDatasetStore>().SaveAsync(dataset, tree.Leaves.Select(l => (Guid.NewGuid(), l.Wallet)).ToList(), tree.Leaves, default);
        var offerId = await world.ListAsync(app, dataset, Purpose.AcademicResearch);

        var found = await app.Get<IRevocationStore>().SweepAsync([offerId], default);

        // Nobody in it was covered at the snapshot, so nobody can have revoked since: not a revocation case.
        Assert.Equal(0, found.Cases);
        Assert.Null(await app.Get<IRevocationStore>().FindAsync(offerId, default));
        Assert.Equal(OfferStatus.Active, (await app.Get<IMarketReadModel>().OfferAsync(offerId, default))!.Status);
    }

    [Fact]
    public async Task Worker_RestartedMidCase_FinishesItOnce()
    {
        DatasetRecord old;
        ulong offerId;
        var patient = world.Patients[5].Key;
        await using (var app = await world.StartMarketAsync())
        {
            old = await world.BuildAsync(app, Purpose.AiTraining);
            offerId = await world.ListAsync(app, old, Purpose.AiTraining);
            await world.SetConsentAsync(patient, Purposes.All & ~Purpose.AiTraining);
            await world.IndexedAsync(app);
            await app.Get<RevocationProcessor>().RunOnceAsync([], sweepAll: false, default);
            // One round goes as far as the chain lets it (a fast pause can take it on to the listing); what matters is that it stops mid-case.
            Assert.Contains((await app.Get<IRevocationStore>().FindAsync(offerId, default))!.Status,
                new[] { RevocationCaseStatus.Pausing, RevocationCaseStatus.Rebuilding, RevocationCaseStatus.Listing });
        }

        await using (var app = await world.StartMarketAsync(settings: new Dictionary<string, string?> { ["Revocation:Enabled"] = "true" }))
        {
            var store = app.Get<IRevocationStore>();
            await Eventually.WaitAsync(async () => (await store.FindAsync(offerId, default))!.Status == RevocationCaseStatus.Done,
                "the worker finished the case");
            var trail = await app.Get<RevocationService>().TrailOfOfferAsync(offerId, default);
            Assert.Single(trail, a => a.Step == RevocationStep.PauseQueued);
            Assert.Single(trail, a => a.Step == RevocationStep.Listed);
            Assert.Single(await world.QueryAsync<long>("select id from outbox where kind = 'revocation-pause' and idempotency_key like @key",
                new { key = $"revocation:pause:{offerId}:%" }));
        }
    }
}
