using EmrMarket.Fhir.Canonical;
using EmrMarket.Ledger.Merkle;

namespace EmrMarket.Core.Anchoring;

/// <summary>A batch's Merkle tree: StandardMerkleTree over <c>["bytes32"]</c> leaves, the records' content hashes in leaf order.</summary>
public static class RecordTree
{
    public static readonly IReadOnlyList<string> LeafEncoding = ["bytes32"];

    public static StandardMerkleTree Of(IReadOnlyList<ContentHash> leaves) =>
        StandardMerkleTree.Of(leaves.Select(h => (IReadOnlyList<object?>)[h.ToArray()]).ToList(), LeafEncoding);
}
