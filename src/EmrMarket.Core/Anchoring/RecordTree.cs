using EmrMarket.Fhir.Canonical;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

/// <summary>
/// A batch's Merkle tree: OpenZeppelin's StandardMerkleTree over <c>["bytes32"]</c> leaves (the records' content
/// hashes in leaf order), laid out exactly as @openzeppelin/merkle-tree and Ledger's <c>StandardMerkleTree</c> lay
/// it out, so roots and proofs are the same, but held in one flat array: a batch of a million records costs about
/// 100 MB here instead of a gigabyte of per-leaf objects.
/// </summary>
public sealed class RecordTree
{
    private const int Size = 32;
    private readonly byte[] _nodes;
    private readonly int[] _nodeOfLeaf;

    private RecordTree(byte[] nodes, int[] nodeOfLeaf)
    {
        _nodes = nodes;
        _nodeOfLeaf = nodeOfLeaf;
    }

    public static IReadOnlyList<string> LeafEncoding { get; } = ["bytes32"];

    public int Count => _nodeOfLeaf.Length;

    public Hash32 Root => Node(0);

    public static RecordTree Of(IReadOnlyList<ContentHash> leaves)
    {
        var flat = new byte[leaves.Count * Size];
        for (var i = 0; i < leaves.Count; i++) leaves[i].CopyTo(flat.AsSpan(i * Size, Size));
        return OfFlat(flat);
    }

    /// <summary>
    /// The tree over content hashes stored back to back (32 bytes each, in leaf order); the array is turned into
    /// the leaf hashes in place, so it must not be used afterwards.
    /// </summary>
    public static RecordTree OfFlat(byte[] contentHashes)
    {
        if (contentHashes.Length == 0 || contentHashes.Length % Size != 0)
            throw new ArgumentException("a Merkle tree needs at least one 32-byte leaf", nameof(contentHashes));
        var count = contentHashes.Length / Size;
        // Leaf i: keccak256(keccak256(abi.encode(bytes32))) = keccak256(keccak256(hash)), as StandardMerkleTree hashes leaves.
        var hashes = contentHashes;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count < 4096 ? 1 : -1 }, () => new byte[Size], (i, _, buffer) =>
        {
            Keccak256.HashInto(hashes, i * Size, Size, buffer, 0);
            Keccak256.HashInto(buffer, 0, Size, hashes, i * Size);
            return buffer;
        }, _ => { });
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        Array.Sort(order, (a, b) => hashes.AsSpan(a * Size, Size).SequenceCompareTo(hashes.AsSpan(b * Size, Size)));

        // The array layout of the library: sorted leaves from the end backwards, node i the sorted pair hash of 2i+1 and 2i+2.
        var nodes = new byte[(2 * count - 1) * Size];
        var nodeOfLeaf = new int[count];
        for (var i = 0; i < count; i++)
        {
            var node = nodes.Length / Size - 1 - i;
            hashes.AsSpan(order[i] * Size, Size).CopyTo(nodes.AsSpan(node * Size));
            nodeOfLeaf[order[i]] = node;
        }
        var pair = new byte[2 * Size];
        for (var i = count - 2; i >= 0; i--)
        {
            var left = nodes.AsSpan((2 * i + 1) * Size, Size);
            var right = nodes.AsSpan((2 * i + 2) * Size, Size);
            var leftFirst = left.SequenceCompareTo(right) <= 0;
            (leftFirst ? left : right).CopyTo(pair);
            (leftFirst ? right : left).CopyTo(pair.AsSpan(Size));
            Keccak256.HashInto(pair, 0, pair.Length, nodes, i * Size);
        }
        return new RecordTree(nodes, nodeOfLeaf);
    }

    /// <summary>The leaf hash of record <paramref name="index"/> (leaf order): what RecordAnchor.verifyRecord takes.</summary>
    public Hash32 LeafHash(int index) => Node(_nodeOfLeaf[index]);

    /// <summary>The sibling hashes from record <paramref name="index"/>'s leaf up to the root.</summary>
    public IReadOnlyList<Hash32> GetProof(int index)
    {
        if ((uint)index >= (uint)_nodeOfLeaf.Length) throw new ArgumentOutOfRangeException(nameof(index), index, "no leaf at that index");
        var proof = new List<Hash32>();
        for (var i = _nodeOfLeaf[index]; i > 0; i = (i - 1) / 2) proof.Add(Node(i % 2 == 1 ? i + 1 : i - 1));
        return proof;
    }

    private Hash32 Node(int index) => new(_nodes.AsSpan(index * Size, Size));
}
