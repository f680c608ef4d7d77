using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Market;

/// <summary>A researcher's own wallet signs the agreement and the permit the app prepares, and sends the call itself.</summary>
public sealed class WalletPurchaseTests(MarketDatabase db) : IClassFixture<MarketDatabase>
{
    private static readonly BigInteger Price = 7_500_000;

    private static string Sign(PrivateKey key, string typedDataJson) => key.Sign(TypedData.FromJson(typedDataJson).Digest()).ToString();

    private async Task<(Guid Researcher, PrivateKey Key, ulong OfferId)> SetUpAsync(ChainApp app)
    {
        var (curator, _) = await db.AccountAsync(app, Roles.Curator);
        var researcher = await db.NewAccountAsync(Roles.Researcher);
        var key = PrivateKey.Generate();
        await app.Get<IWalletRepository>().LinkExternalAsync(researcher, key.Address, default);
        var dataset = await db.DatasetAsync(app, [(PrivateKey.Generate().Address, 1)]);
        var offerId = await db.ListAsync(app, curator, dataset, Price);
        await db.FundAsync(app, researcher, 10);
        await db.Chain.FundAsync(key.Address);
        return (researcher, key, offerId);
    }

    [Fact]
    public async Task AcceptAsync_WalletSignedBoth_WalletSendsTheCallAndHoldsTheLicence()
    {
        await using var app = await db.StartAppAsync();
        var (researcher, key, offerId) = await SetUpAsync(app);
        var service = app.Get<WalletPurchaseService>();

        var toSign = await service.PrepareAsync(offerId, researcher, new PurchaseAcceptance(Price, DataUseTerms.Current.Version), default);
        var call = await service.AcceptAsync(researcher, toSign.Agreement, Sign(key, toSign.AgreementJson), toSign.Permit, Sign(key, toSign.PermitJson), default);
        var awaiting = await app.Get<PurchaseService>().GetAsync(call.PurchaseId, default);
        await new TransactionSender(db.Chain.Rpc, key, db.Chain.ChainId).SendAndWaitAsync(new TransactionRequest(call.To, call.Data));
        var settled = await db.PurchaseWhenSettledAsync(app, call.PurchaseId);

        Assert.Equal(PurchaseStatus.AwaitingWallet, awaiting!.Status);
        Assert.Equal(PurchaseStatus.Licensed, settled.Status);
        Assert.Equal(key.Address, call.From);
        Assert.Equal(db.Chain.Address(ContractArtifacts.DataMarketplace), call.To);
        Assert.Equal(BigInteger.One, await db.At(ContractArtifacts.DataLicense).CallAsync<BigInteger>("balanceOf", key.Address, (BigInteger)offerId));
        Assert.Equal(10_000_000 - Price, await db.DollarsOfAsync(key.Address));
        Assert.True((await app.Get<PurchaseService>().AgreementAsync(call.AgreementHash, default))!.FromWallet);
    }

    [Fact]
    public async Task AcceptAsync_SignedByAnotherKey_RefusedAndNothingStored()
    {
        await using var app = await db.StartAppAsync();
        var (researcher, key, offerId) = await SetUpAsync(app);
        var service = app.Get<WalletPurchaseService>();
        var toSign = await service.PrepareAsync(offerId, researcher, new PurchaseAcceptance(Price, DataUseTerms.Current.Version), default);
        var before = await db.CountAsync("purchases");

        var forged = await Assert.ThrowsAsync<MarketException>(() => service.AcceptAsync(researcher, toSign.Agreement,
            Sign(PrivateKey.Generate(), toSign.AgreementJson), toSign.Permit, Sign(key, toSign.PermitJson), default));
        var cheaper = await Assert.ThrowsAsync<MarketException>(() => service.AcceptAsync(researcher, toSign.Agreement with { Price = Price - 1 },
            Sign(key, toSign.AgreementJson), toSign.Permit, Sign(key, toSign.PermitJson), default));
        var custodial = await Assert.ThrowsAsync<MarketException>(() => app.Get<PurchaseService>().PurchaseAsync(offerId, researcher,
            new PurchaseAcceptance(Price, DataUseTerms.Current.Version), default));

        Assert.Contains("not by your wallet", forged.Message);
        Assert.Contains("above the", cheaper.Message);
        Assert.Contains("your own wallet", custodial.Message);
        Assert.Equal(before, await db.CountAsync("purchases"));
    }
}
