using System.Numerics;
using EmrMarket.Core.Datasets;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>
/// A patient's proof that a dataset includes them: their leaf <c>(address, weight)</c> of the dataset's payout tree
/// (OpenZeppelin StandardMerkleTree), its hash, the proof and the root; the root is the offer's payoutRoot on chain,
/// so anyone can check it with @openzeppelin/merkle-tree or MerkleProof.verify.
/// </summary>
public sealed record MembershipProof(Guid DatasetId, string Title, ulong? OfferId, EthAddress Wallet, BigInteger Weight, BigInteger TotalWeight,
    int LeafIndex, Hash32 Leaf, IReadOnlyList<Hash32> Proof, Hash32 Root)
{
    public bool Verify() => StandardMerkleTree.Verify(Root, PayoutTree.LeafEncoding, [Wallet, Weight], Proof);
}
