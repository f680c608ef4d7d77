using System.Numerics;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets;

/// <summary>
/// A dataset's payout tree: one StandardMerkleTree leaf <c>(address patient, uint256 weight)</c> per wallet,
/// the format DataMarketplace.claim verifies. Leaves are ordered by address so the tree is reproducible.
/// </summary>
public sealed class PayoutTree
{
    public static readonly IReadOnlyList<string> LeafEncoding = ["address", "uint256"];

    private readonly StandardMerkleTree _tree;

    public PayoutTree(IReadOnlyList<PayoutLeaf> leaves)
    {
        if (leaves.Count == 0) throw new DatasetException("a payout tree needs at least one patient");
        Leaves = leaves;
        _tree = StandardMerkleTree.Of(leaves.Select(l => (IReadOnlyList<object?>)[l.Wallet, l.Weight]).ToList(), LeafEncoding);
    }

    public IReadOnlyList<PayoutLeaf> Leaves { get; }

    public Hash32 Root => _tree.Root;

    public BigInteger TotalWeight => Leaves.Aggregate(BigInteger.Zero, (sum, leaf) => sum + leaf.Weight);

    public static PayoutTree FromWeights(IEnumerable<(EthAddress Wallet, BigInteger Weight)> weights) => new(weights
        .GroupBy(w => w.Wallet)
        .Select(g => new PayoutLeaf(g.Key, g.Aggregate(BigInteger.Zero, (sum, w) => sum + w.Weight)))
        .OrderBy(l => l.Wallet)
        .ToList());

    public IReadOnlyList<Hash32> ProofOf(int leafIndex) => _tree.GetProof(leafIndex);

    public int IndexOf(EthAddress wallet)
    {
        for (var i = 0; i < Leaves.Count; i++) if (Leaves[i].Wallet == wallet) return i;
        return -1;
    }
}

public sealed record PayoutLeaf(EthAddress Wallet, BigInteger Weight);
