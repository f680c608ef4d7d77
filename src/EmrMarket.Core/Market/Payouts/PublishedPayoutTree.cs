using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Core.Datasets;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>
/// An offer's payout tree as stored: every leaf <c>(address, weight)</c> in leaf order and the root, so a third party
/// can rebuild it with @openzeppelin/merkle-tree (<c>StandardMerkleTree.of(values, leafEncoding)</c>) and compare the
/// root with the offer's payoutRoot. It links wallet addresses to a cohort: serve it to compliance officers and
/// licence holders, not to everyone.
/// </summary>
public sealed record PublishedPayoutTree(ulong OfferId, Guid DatasetId, Hash32 Root, BigInteger TotalWeight, IReadOnlyList<PayoutLeaf> Leaves)
{
    /// <summary><c>{"leafEncoding": ["address","uint256"], "values": [["0x…","12"], …], "root": "0x…"}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["offerId"] = OfferId.ToString(CultureInfo.InvariantCulture),
        ["leafEncoding"] = new JsonArray(PayoutTree.LeafEncoding.Select(e => (JsonNode)e).ToArray()),
        ["values"] = new JsonArray(Leaves.Select(l => (JsonNode)new JsonArray(l.Wallet.ToString(), l.Weight.ToString(CultureInfo.InvariantCulture))).ToArray()),
        ["root"] = Root.ToString(),
        ["totalWeight"] = TotalWeight.ToString(CultureInfo.InvariantCulture),
    }.ToJsonString();
}
