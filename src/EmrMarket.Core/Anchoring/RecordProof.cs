using EmrMarket.Fhir.Canonical;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

/// <summary>
/// Proof that a stored record version is in an anchored batch: pass <see cref="Root"/>, <see cref="LeafHash"/> and
/// <see cref="Proof"/> to <c>RecordAnchor.verifyRecord</c>, or recompute with @openzeppelin/merkle-tree.
/// </summary>
/// <param name="ContentHash">The record's content hash (SHA-256 of its canonical JSON): the leaf's value.</param>
/// <param name="LeafHash">keccak256(keccak256(abi.encode(contentHash))), what verifyRecord takes.</param>
/// <param name="Anchor">The indexed BatchAnchored event (transaction, block, time), or null while the anchor is not on chain yet.</param>
public sealed record RecordProof(
    Guid RecordId,
    Guid BatchId,
    int LeafIndex,
    ContentHash ContentHash,
    Hash32 LeafHash,
    IReadOnlyList<Hash32> Proof,
    Hash32 Root,
    ChainAnchor? Anchor)
{
    /// <summary>Whether the proof leads from the leaf to the root (off chain, as MerkleProof.verify does).</summary>
    public bool Verifies => StandardMerkleTree.ProcessProof(LeafHash, Proof) == Root;
}
