using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Tests.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Market;

/// <summary>
/// Marketplace tests' world: a database and contracts of the class's own, accounts with custodial wallets, and
/// datasets stored with a payout tree over given wallets (their packages are not needed to list, buy or claim).
/// </summary>
public class MarketDatabase : ChainDatabase
{
    public const ulong Academic = 1;

    public Contract At(string name) => new(Chain.Rpc, Chain.Address(name), ChainContracts.Abi(name));

    public async Task<(Guid Id, EthAddress Wallet)> AccountAsync(ChainApp app, string role)
    {
        var id = await NewAccountAsync(role);
        return (id, (await app.Get<WalletService>().EnsureCustodialWalletAsync(id, default)).Address);
    }

    public async Task<DatasetRecord> DatasetAsync(ChainApp app, IReadOnlyList<(EthAddress Wallet, BigInteger Weight)> weights, Guid? replaces = null)
    {
        var tree = PayoutTree.FromWeights(weights);
        var dataset = new DatasetRecord(Guid.CreateVersion7(), $"Dataset {Guid.NewGuid():N}", "for the marketplace tests", Academic, new JsonObject(),
            new JsonObject(), new JsonObject(), 1, "built", tree.Leaves.Count, (long)tree.TotalWeight, Keccak256.Hash(Guid.NewGuid().ToByteArray()),
            Keccak256.Hash(Guid.NewGuid().ToByteArray()), tree.Root, tree.TotalWeight, "/nonexistent/package.zip", 0, replaces, null, "test",
            DateTimeOffset.UtcNow);
        await app.Get<IDatasetStore>().SaveAsync(dataset, tree.Leaves.Select(l => (Guid.NewGuid(), l.Wallet)).ToList(), tree.Leaves, default);
        return dataset;
    }

    /// <summary>Lists a dataset and waits until it is linked to its indexed offer.</summary>
    public async Task<ulong> ListAsync(ChainApp app, Guid curator, DatasetRecord dataset, BigInteger price, uint cap = 0)
    {
        await app.Get<OfferService>().ListAsync(curator, new ListingRequest(dataset.Id, price, cap), default);
        return (await DatasetWhenAsync(app, dataset.Id, d => d.OfferId is not null && d.Status == "listed", "listed")).OfferId!.Value;
    }

    public async Task<DatasetRecord> DatasetWhenAsync(ChainApp app, Guid id, Func<DatasetRecord, bool> condition, string what)
    {
        DatasetRecord? dataset = null;
        await Eventually.WaitAsync(async () => condition(dataset = (await app.Get<IDatasetStore>().FindAsync(id, default))!), $"dataset {id} {what}");
        return dataset!;
    }

    public async Task<ChainOffer> OfferWhenAsync(ChainApp app, ulong offerId, Func<ChainOffer, bool> condition, string what)
    {
        ChainOffer? offer = null;
        await Eventually.WaitAsync(async () => (offer = await app.Get<IMarketReadModel>().OfferAsync(offerId, default)) is { } o && condition(o),
            $"offer {offerId} {what}");
        return offer!;
    }

    /// <summary>Mints test dollars to the account's wallet and waits for the mint.</summary>
    public async Task FundAsync(ChainApp app, Guid account, decimal dollars)
    {
        var id = await app.Get<TestDollarFaucet>().MintAsync(account, dollars, null, default);
        Assert.Equal(OutboxStatus.Confirmed, (await app.Get<IOutbox>().WaitAsync(id, default)).Status);
    }

    public async Task<BigInteger> DollarsOfAsync(EthAddress holder) => await At(ContractArtifacts.TestDollar).CallAsync<BigInteger>("balanceOf", holder);

    public async Task<PurchaseView> PurchaseWhenSettledAsync(ChainApp app, long purchaseId)
    {
        PurchaseView? view = null;
        await Eventually.WaitAsync(async () => (view = await app.Get<PurchaseService>().GetAsync(purchaseId, default))!.Status
            is PurchaseStatus.Failed || view.Licence is not null, $"purchase {purchaseId} settled and indexed");
        return view!;
    }

    public Task<long> CountAsync(string table) => ScalarAsync<long>($"select count(*) from {table}");
}
