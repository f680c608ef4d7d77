using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Market;

/// <summary>Researchers quote and buy licences with custodial wallets: one purchaseWithPermit, signed agreement stored.</summary>
public sealed class PurchaseTests(MarketDatabase db) : IClassFixture<MarketDatabase>
{
    private static readonly BigInteger Price = 40_000_000;

    private async Task<(Guid Curator, Guid Researcher, EthAddress Wallet, ulong OfferId)> ListedAsync(ChainApp app, decimal dollars = 100, uint cap = 0)
    {
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var (researcher, wallet) = await db.AccountAsync(app, Roles.Researcher);
        var dataset = await db.DatasetAsync(app, [(PrivateKey.Generate().Address, 2), (PrivateKey.Generate().Address, 1)]);
        var offerId = await db.ListAsync(app, curator, dataset, Price, cap);
        if (dollars > 0) await db.FundAsync(app, researcher, dollars);
        return (curator, researcher, wallet, offerId);
    }

    private static PurchaseAcceptance Accept(BigInteger price) => new(price, DataUseTerms.Current.Version);

    [Fact]
    public async Task QuoteAsync_FundedResearcher_PriceFeePatientsPartBalanceAndGas()
    {
        await using var app = await db.StartAppAsync();
        var (_, researcher, wallet, offerId) = await ListedAsync(app);

        var quote = await app.Get<PurchaseService>().QuoteAsync(offerId, researcher, default);

        Assert.Null(quote.CannotBuy);
        Assert.Equal(Price, quote.Price);
        Assert.Equal(250, quote.FeeBps);
        Assert.Equal(Price * 250 / 10_000, quote.Fee);
        Assert.Equal(Price - quote.Fee, quote.ToPatients);
        Assert.Equal(wallet, quote.Buyer);
        Assert.Equal(100_000_000, quote.Balance);
        Assert.Equal("TUSD", quote.Token.Symbol);
        Assert.InRange(quote.Gas!.Units, 100_000ul, 300_000ul);
        Assert.True(quote.Gas.PaidByPlatform);
        Assert.Equal("40 TUSD", quote.Token.Format(quote.Price));
    }

    [Fact]
    public async Task PurchaseAsync_CustodialResearcher_LicensedOnceWithTheAgreementTheContractHashes()
    {
        await using var app = await db.StartAppAsync();
        var (_, researcher, wallet, offerId) = await ListedAsync(app);
        var treasuryBefore = await db.DollarsOfAsync(db.Chain.Treasury);

        var pending = await app.Get<PurchaseService>().PurchaseAsync(offerId, researcher, Accept(Price), default);
        var settled = await db.PurchaseWhenSettledAsync(app, pending.Id);

        Assert.Equal(PurchaseStatus.Licensed, settled.Status);
        Assert.Equal(1u, settled.Licence!.LicenceNumber);
        Assert.Equal(Price, settled.Licence.Price);
        var agreement = await app.Get<PurchaseService>().AgreementAsync(settled.AgreementHash, default);
        var m = agreement!.Message;
        var onChainDigest = await db.At(ContractArtifacts.DataMarketplace).CallAsync<byte[]>("hashAgreement",
            (object)new object?[] { m.OfferId, m.Buyer, m.ManifestHash, m.Purpose, m.Token, m.Price, m.TermsHash, m.SignedAt });
        Assert.Equal(settled.AgreementHash, new Hash32(onChainDigest));
        Assert.Equal(wallet, Signature.FromBytes(agreement.Signature).RecoverAddress(agreement.Digest));
        Assert.Equal(DataUseTerms.Current.Hash, m.TermsHash);
        var licence = await db.At(ContractArtifacts.DataLicense).CallAsync<BigInteger>("balanceOf", wallet, (BigInteger)offerId);
        Assert.Equal(BigInteger.One, licence);
        Assert.Equal(100_000_000 - Price, await db.DollarsOfAsync(wallet));
        Assert.Equal(treasuryBefore + Price * 250 / 10_000, await db.DollarsOfAsync(db.Chain.Treasury));
        var purchases = await app.Get<IMarketReadModel>().PurchasesOfOfferAsync(offerId, default);
        Assert.Equal(settled.AgreementHash, Assert.Single(purchases).AgreementHash);
        Assert.True(await db.Chain.Rpc.GetBalanceAsync(wallet) > 0, "the relayer topped up the custodial wallet's gas");
    }

    [Fact]
    public async Task PurchaseAsync_AskedAgainWhileOnItsWay_OnePurchase()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var (_, researcher, _, offerId) = await ListedWithoutWorkersAsync();
        var service = app.Get<PurchaseService>();

        var first = await service.PurchaseAsync(offerId, researcher, Accept(Price), default);
        var again = await service.PurchaseAsync(offerId, researcher, Accept(Price), default);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Write!.OutboxId, again.Write!.OutboxId);
        Assert.Equal(1, await db.ScalarAsync<long>("select count(*) from purchases where account_id = @researcher", new { researcher }));
    }

    [Fact]
    public async Task PurchaseAsync_PriceRaisedBeforeItIsSent_FailsAsPriceChangedAndNothingIsCharged()
    {
        Guid researcher;
        EthAddress wallet;
        ulong offerId;
        long purchaseId;
        await using (var app = await db.StartAppAsync(workers: false))
        {
            (_, researcher, wallet, offerId) = await ListedWithoutWorkersAsync();
            purchaseId = (await app.Get<PurchaseService>().PurchaseAsync(offerId, researcher, Accept(Price), default)).Id;
        }
        await new TransactionSender(db.Chain.Rpc, db.Chain.Curator, db.Chain.ChainId)
            .SendAndWaitAsync(db.At(ContractArtifacts.DataMarketplace).Transaction("setPrice", (BigInteger)offerId, Price * 2));

        await using var running = await db.StartAppAsync();
        var failed = await db.PurchaseWhenSettledAsync(running, purchaseId);

        Assert.Equal(PurchaseStatus.Failed, failed.Status);
        Assert.Contains("price changed", failed.Error);
        Assert.Contains("DataMarketplacePriceAboveLimit", failed.Error);
        Assert.Equal(100_000_000, await db.DollarsOfAsync(wallet));
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "patient", "only a researcher" },
        { "poor", "below the price" },
        { "paused", "is paused" },
        { "sold out", "sold out" },
        { "licensed", "already hold a licence" },
        { "old terms", "accept it again" },
        { "price above accepted", "above the" },
        { "unknown offer", "not listed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task PurchaseAsync_NotBuyable_RefusedWithAClearErrorAndNothingStored(string @case, string expected)
    {
        await using var app = await db.StartAppAsync();
        var (curator, researcher, _, offerId) = await ListedAsync(app, @case == "poor" ? 10 : 200, cap: @case == "sold out" ? 1u : 0);
        var service = app.Get<PurchaseService>();
        var buyer = researcher;
        var acceptance = Accept(Price);
        switch (@case)
        {
            case "patient":
                buyer = (await db.AccountAsync(app, Roles.Patient)).Id;
                break;
            case "paused":
                await app.Get<OfferService>().PauseAsync(curator, offerId, default);
                await db.OfferWhenAsync(app, offerId, o => o.Status == OfferStatus.Paused, "paused");
                break;
            case "sold out" or "licensed":
                var first = await service.PurchaseAsync(offerId, researcher, acceptance, default);
                await db.PurchaseWhenSettledAsync(app, first.Id);
                await db.OfferWhenAsync(app, offerId, o => o.LicencesSold == 1, "sold once");
                if (@case == "sold out")
                {
                    buyer = (await db.AccountAsync(app, Roles.Researcher)).Id;
                    await db.FundAsync(app, buyer, 100);
                }
                break;
            case "old terms":
                acceptance = acceptance with { TermsVersion = "0" };
                break;
            case "price above accepted":
                acceptance = Accept(Price - 1);
                break;
            case "unknown offer":
                offerId += 1_000;
                break;
        }
        var stored = await db.CountAsync("purchases");

        var error = await Assert.ThrowsAsync<MarketException>(() => service.PurchaseAsync(offerId, buyer, acceptance, default));

        Assert.Contains(expected, error.Message);
        Assert.Equal(stored, await db.CountAsync("purchases"));
    }

    [Fact]
    public async Task QuoteAsync_PausedOffer_SaysWhyAndEstimatesNoGas()
    {
        await using var app = await db.StartAppAsync();
        var (curator, researcher, _, offerId) = await ListedAsync(app);
        await app.Get<OfferService>().PauseAsync(curator, offerId, default);
        await db.OfferWhenAsync(app, offerId, o => o.Status == OfferStatus.Paused, "paused");

        var quote = await app.Get<PurchaseService>().QuoteAsync(offerId, researcher, default);

        Assert.False(quote.CanBuy);
        Assert.Contains("paused", quote.CannotBuy);
        Assert.Null(quote.Gas);
    }

    [Fact]
    public async Task Faucet_WithoutTestDollarOrOutOfRange_Refused()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var (researcher, _) = await db.AccountAsync(app, Roles.Researcher);
        var contracts = db.Chain.Deployment.Contracts.Where(c => c.Key != ContractArtifacts.TestDollar).ToDictionary();
        var noDollar = new TestDollarFaucet(app.Get<Core.Wallets.IWalletRepository>(), app.Get<Core.Chain.Outbox.IOutbox>(),
            new FixedDeployment(db.Chain.Deployment with { Contracts = contracts }), app.Get<Microsoft.Extensions.Options.IOptions<MarketOptions>>());

        var missing = await Assert.ThrowsAsync<MarketException>(() => noDollar.MintAsync(researcher, 10, null, default));
        var zero = await Assert.ThrowsAsync<MarketException>(() => app.Get<TestDollarFaucet>().MintAsync(researcher, 0, null, default));
        var huge = await Assert.ThrowsAsync<MarketException>(() => app.Get<TestDollarFaucet>().MintAsync(researcher, 10_000_000, null, default));

        Assert.Contains("no TestDollar", missing.Message);
        Assert.Contains("more than 0", zero.Message);
        Assert.Contains("at most", huge.Message);
        Assert.False(await noDollar.IsAvailableAsync(default));
    }

    /// <summary>A listed offer and a funded researcher, set up by an app instance with workers that stops before the test's own app queues anything.</summary>
    private async Task<(Guid Curator, Guid Researcher, EthAddress Wallet, ulong OfferId)> ListedWithoutWorkersAsync()
    {
        await using var workers = await db.StartAppAsync();
        return await ListedAsync(workers);
    }
}
