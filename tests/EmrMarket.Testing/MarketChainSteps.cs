using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Testing;

/// <summary>Marketplace steps taken straight on a <see cref="DeployedChain"/>, as a curator's or researcher's own tool would.</summary>
public static class MarketChainSteps
{
    /// <summary>One of the deployed contracts by its artifact name (<see cref="ContractArtifacts"/>).</summary>
    public static Contract Contract(this DeployedChain chain, string name) =>
        new(chain.Rpc, chain.Address(name), ContractArtifacts.Get(name).Abi);

    /// <summary>Lists the dataset with the curator key at <paramref name="price"/> TestDollar units, no cap, no end; returns the offer id.</summary>
    public static async Task<ulong> ListOfferAsync(this DeployedChain chain, DatasetRecord dataset, ulong purposes, BigInteger price)
    {
        var marketplace = chain.Contract(ContractArtifacts.DataMarketplace);
        var terms = new OfferTerms(dataset.ManifestHash, dataset.RowsRoot, dataset.PayoutRoot, dataset.TotalWeight, purposes,
            chain.Address(ContractArtifacts.TestDollar), price, 0, 0);
        var receipt = await new TransactionSender(chain.Rpc, chain.Curator, chain.ChainId).SendAndWaitAsync(
            marketplace.Transaction("listOffer", terms.ToAbi(), BigInteger.Zero));
        return (ulong)(BigInteger)marketplace.Abi.Event("OfferListed").Decode(receipt.Logs.First(l => l.Address == marketplace.Address))["offerId"]!;
    }

    /// <summary>The admin mints <paramref name="amount"/> TestDollar units to <paramref name="to"/>.</summary>
    public static async Task MintDollarsAsync(this DeployedChain chain, EthAddress to, BigInteger amount) =>
        await new TransactionSender(chain.Rpc, chain.Admin, chain.ChainId).SendAndWaitAsync(
            chain.Contract(ContractArtifacts.TestDollar).Transaction("mint", to, amount));

    /// <summary>A fresh key, given gas and <paramref name="price"/> TestDollar by the admin, approves the marketplace and buys a licence of the offer; returns the key.</summary>
    public static async Task<PrivateKey> BuyAsync(this DeployedChain chain, ulong offerId, BigInteger price)
    {
        var buyer = PrivateKey.Generate();
        await chain.FundAsync(buyer.Address);
        var dollar = chain.Contract(ContractArtifacts.TestDollar);
        var marketplace = chain.Contract(ContractArtifacts.DataMarketplace);
        await chain.MintDollarsAsync(buyer.Address, price);
        var sender = new TransactionSender(chain.Rpc, buyer, chain.ChainId);
        await sender.SendAndWaitAsync(dollar.Transaction("approve", marketplace.Address, price));
        await sender.SendAndWaitAsync(marketplace.Transaction("purchase", new BigInteger(offerId), Keccak256.Hash("agreement " + buyer.Address)));
        return buyer;
    }
}
