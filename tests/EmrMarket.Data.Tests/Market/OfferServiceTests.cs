using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Market;

/// <summary>Curators list datasets and change their offers through the outbox; datasets follow their offers on chain.</summary>
public sealed class OfferServiceTests(MarketDatabase db) : IClassFixture<MarketDatabase>
{
    private static readonly BigInteger Price = 25_000_000;

    private async Task<Core.Datasets.DatasetRecord> DatasetAsync(ChainApp app) =>
        await db.DatasetAsync(app, [(PrivateKey.Generate().Address, 3), (PrivateKey.Generate().Address, 5)]);

    [Fact]
    public async Task ListAsync_BuiltDataset_OfferOnChainCarriesItsCommitmentsAndDatasetIsListed()
    {
        await using var app = await db.StartAppAsync();
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var dataset = await DatasetAsync(app);

        var action = await app.Get<OfferService>().ListAsync(curator, new ListingRequest(dataset.Id, Price, LicenceCap: 7), default);
        var listed = await db.DatasetWhenAsync(app, dataset.Id, d => d.Status == "listed", "listed");

        Assert.Equal(OfferActionKind.List, action.Kind);
        var onChain = (object?[])(await db.At(ContractArtifacts.DataMarketplace).CallAsync("offer", [listed.OfferId!.Value]))[0]!;
        Assert.Equal(dataset.ManifestHash, AbiValues.Hash(onChain[0]));
        Assert.Equal(dataset.RowsRoot, AbiValues.Hash(onChain[1]));
        Assert.Equal(dataset.PayoutRoot, AbiValues.Hash(onChain[2]));
        Assert.Equal(Price, (BigInteger)onChain[3]!);
        Assert.Equal(7, (int)(BigInteger)onChain[6]!);
        Assert.Equal(dataset.TotalWeight, (BigInteger)onChain[9]!);
        Assert.Equal(db.Chain.Address(ContractArtifacts.TestDollar), (EthAddress)onChain[8]!);
        await app.Get<IOutbox>().WaitAsync(action.Write.OutboxId, default);
        var view = await app.Get<OfferService>().DatasetAsync(dataset.Id, default);
        Assert.Equal(OfferStatus.Active, view!.Offer!.Status);
        Assert.Equal(OutboxStatus.Confirmed, view.Actions.Single().Write.Status);
        Assert.Null(view.Pending);
    }

    [Fact]
    public async Task ListAsync_AskedAgainWhilePending_ReturnsTheSameActionAndQueuesOnce()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var dataset = await DatasetAsync(app);
        var offers = app.Get<OfferService>();

        var first = await offers.ListAsync(curator, new ListingRequest(dataset.Id, Price), default);
        var again = await offers.ListAsync(curator, new ListingRequest(dataset.Id, Price), default);
        var other = await Assert.ThrowsAsync<MarketException>(() => offers.ListAsync(curator, new ListingRequest(dataset.Id, Price * 2), default));

        Assert.Equal(first.Write.OutboxId, again.Write.OutboxId);
        Assert.Contains("on its way", other.Message);
        Assert.Equal(1, await db.ScalarAsync<long>("select count(*) from offer_actions where dataset_id = @id", new { id = dataset.Id }));
        Assert.Equal("listing", (await db.DatasetWhenAsync(app, dataset.Id, _ => true, "read")).Status);
    }

    public static TheoryData<string, string> BadListings() => new()
    {
        { "zero price", "more than zero" },
        { "end time passed", "has passed" },
        { "unknown dataset", "no dataset" },
        { "researcher", "only a curator" },
        { "token without code", "not a token contract" },
    };

    [Theory]
    [MemberData(nameof(BadListings))]
    public async Task ListAsync_BadRequest_RefusedWithAClearErrorAndNothingQueued(string @case, string expected)
    {
        await using var app = await db.StartAppAsync(workers: false);
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var (researcher, _) = await db.AccountAsync(app, Roles.Researcher);
        var dataset = await DatasetAsync(app);
        var request = @case switch
        {
            "zero price" => new ListingRequest(dataset.Id, 0),
            "end time passed" => new ListingRequest(dataset.Id, Price, EndTime: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "unknown dataset" => new ListingRequest(Guid.NewGuid(), Price),
            "token without code" => new ListingRequest(dataset.Id, Price, Token: PrivateKey.Generate().Address),
            _ => new ListingRequest(dataset.Id, Price),
        };
        var outboxBefore = await db.CountAsync("outbox");

        var error = await Assert.ThrowsAsync<MarketException>(() =>
            app.Get<OfferService>().ListAsync(@case == "researcher" ? researcher : curator, request, default));

        Assert.Contains(expected, error.Message);
        Assert.Equal(outboxBefore, await db.CountAsync("outbox"));
        Assert.Equal("built", (await db.DatasetWhenAsync(app, dataset.Id, _ => true, "read")).Status);
    }

    [Fact]
    public async Task ListAsync_AlreadyListed_Refused()
    {
        await using var app = await db.StartAppAsync();
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var dataset = await DatasetAsync(app);
        var offerId = await db.ListAsync(app, curator, dataset, Price);

        var error = await Assert.ThrowsAsync<MarketException>(() => app.Get<OfferService>().ListAsync(curator, new ListingRequest(dataset.Id, Price), default));

        Assert.Contains($"listed as offer {offerId}", error.Message);
    }

    [Fact]
    public async Task OfferChanges_RepricePauseUnpauseDelist_DatasetAndOfferFollowTheChain()
    {
        await using var app = await db.StartAppAsync();
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var dataset = await DatasetAsync(app);
        var offerId = await db.ListAsync(app, curator, dataset, Price);
        var offers = app.Get<OfferService>();

        await offers.RepriceAsync(curator, offerId, Price * 2, default);
        await db.OfferWhenAsync(app, offerId, o => o.Price == Price * 2, "repriced");
        await offers.PauseAsync(curator, offerId, default);
        await db.DatasetWhenAsync(app, dataset.Id, d => d.Status == "paused", "paused");
        var pausedTwice = await Assert.ThrowsAsync<MarketException>(() => offers.PauseAsync(curator, offerId, default));
        await offers.UnpauseAsync(curator, offerId, default);
        await db.DatasetWhenAsync(app, dataset.Id, d => d.Status == "listed", "listed again");
        var samePrice = await Assert.ThrowsAsync<MarketException>(() => offers.RepriceAsync(curator, offerId, Price * 2, default));
        await offers.DelistAsync(curator, offerId, default);
        var delisted = await db.DatasetWhenAsync(app, dataset.Id, d => d.Status == "delisted", "delisted");
        var afterDelisting = await Assert.ThrowsAsync<MarketException>(() => offers.UnpauseAsync(curator, offerId, default));

        Assert.Contains("not active", pausedTwice.Message);
        Assert.Contains("already costs", samePrice.Message);
        Assert.Contains("delisted", afterDelisting.Message);
        Assert.Equal(offerId, delisted.OfferId);
        var history = await app.Get<IMarketReadModel>().OfferHistoryAsync(offerId, default);
        Assert.Equal(["listed", "price", "status", "status", "status"], history.Select(h => h.Kind));
        var view = await offers.DatasetAsync(dataset.Id, default);
        Assert.Equal([OfferActionKind.Delist, OfferActionKind.Unpause, OfferActionKind.Pause, OfferActionKind.Reprice, OfferActionKind.List],
            view!.Actions.Select(a => a.Kind));
    }

    [Fact]
    public async Task RepriceAsync_OfferListedByAnotherCurator_Refused()
    {
        await using var app = await db.StartAppAsync();
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var dataset = await DatasetAsync(app);
        var stranger = PrivateKey.Generate();
        await db.Chain.FundAsync(stranger.Address);
        var marketplace = db.At(ContractArtifacts.DataMarketplace);
        await new TransactionSender(db.Chain.Rpc, db.Chain.Admin, db.Chain.ChainId)
            .SendAndWaitAsync(marketplace.Transaction("grantRole", Keccak256.Hash("CURATOR_ROLE"), stranger.Address));
        var terms = new OfferTerms(dataset.ManifestHash, dataset.RowsRoot, dataset.PayoutRoot, dataset.TotalWeight, dataset.Purposes,
            db.Chain.Address(ContractArtifacts.TestDollar), Price, 0, 0);
        await new TransactionSender(db.Chain.Rpc, stranger, db.Chain.ChainId).SendAndWaitAsync(marketplace.Transaction("listOffer", terms.ToAbi(), BigInteger.Zero));
        var linked = await db.DatasetWhenAsync(app, dataset.Id, d => d.OfferId is not null, "linked to the stranger's offer");

        var error = await Assert.ThrowsAsync<MarketException>(() => app.Get<OfferService>().RepriceAsync(curator, linked.OfferId!.Value, Price * 3, default));

        Assert.Contains("another curator", error.Message);
    }

    [Fact]
    public async Task ListAsync_ReplacementDataset_DelistsTheOldOfferAndSupersedesItsDataset()
    {
        await using var app = await db.StartAppAsync();
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var old = await DatasetAsync(app);
        var oldOffer = await db.ListAsync(app, curator, old, Price);
        var replacement = await db.DatasetAsync(app, [(PrivateKey.Generate().Address, 4)], replaces: old.Id);

        var newOffer = await db.ListAsync(app, curator, replacement, Price);
        var superseded = await db.DatasetWhenAsync(app, old.Id, d => d.Status == "superseded", "superseded");

        var offer = await app.Get<IMarketReadModel>().OfferAsync(newOffer, default);
        Assert.Equal(oldOffer, (ulong)offer!.ReplacesOfferId);
        Assert.Equal(OfferStatus.Delisted, (await app.Get<IMarketReadModel>().OfferAsync(oldOffer, default))!.Status);
        Assert.Equal(oldOffer, superseded.OfferId);
    }

    [Fact]
    public async Task ListAsync_CuratorKeyWithoutTheRole_FailsWithTheReasonAndTheDatasetIsBuiltAgain()
    {
        var roleless = PrivateKey.Generate();
        await db.Chain.FundAsync(roleless.Address);
        await using var app = await db.StartAppAsync(settings: new Dictionary<string, string?> { ["Chain:CuratorKey"] = ChainApp.Key(roleless) });
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var dataset = await DatasetAsync(app);

        var action = await app.Get<OfferService>().ListAsync(curator, new ListingRequest(dataset.Id, Price), default);
        var settled = await app.Get<IOutbox>().WaitAsync(action.Write.OutboxId, default);
        await db.DatasetWhenAsync(app, dataset.Id, d => d.Status == "built", "built again");
        var view = await app.Get<OfferService>().DatasetAsync(dataset.Id, default);

        Assert.Equal(OutboxStatus.Failed, settled.Status);
        Assert.Contains("CURATOR_ROLE", view!.Failed!.Write.Error);
        Assert.Null(view.Dataset.OfferId);
    }
}
