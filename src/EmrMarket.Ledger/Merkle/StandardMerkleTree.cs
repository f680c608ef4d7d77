using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Merkle;

/// <summary>
/// A Merkle tree compatible with OpenZeppelin's <c>StandardMerkleTree</c> (@openzeppelin/merkle-tree)
/// and <c>MerkleProof.verify</c>: leaf = keccak256(keccak256(abi.encode(values…))); nodes hash their
/// children as a sorted pair; leaves are sorted by hash and laid out like the library's array tree,
/// so roots and proofs match it exactly.
/// </summary>
public sealed class StandardMerkleTree
{
    private readonly Hash32[] _tree;
    private readonly int[] _treeIndexOfValue;
    private readonly AbiType[] _types;

    private StandardMerkleTree(Hash32[] tree, int[] treeIndexOfValue, AbiType[] types, IReadOnlyList<IReadOnlyList<object?>> values)
    {
        _tree = tree;
        _treeIndexOfValue = treeIndexOfValue;
        _types = types;
        Values = values;
    }

    /// <summary>The leaf values, in the order given.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Values { get; }

    /// <summary>The ABI types of a leaf's values, e.g. <c>["address", "uint256"]</c>.</summary>
    public IReadOnlyList<string> LeafEncoding => _types.Select(t => t.CanonicalName).ToArray();

    /// <summary>The root.</summary>
    public Hash32 Root => _tree[0];

    /// <summary>Builds the tree; leaf hashes are computed in parallel.</summary>
    /// <exception cref="AbiException">No values, or a value that does not fit the encoding.</exception>
    public static StandardMerkleTree Of(IReadOnlyList<IReadOnlyList<object?>> values, IReadOnlyList<string> leafEncoding)
    {
        if (values.Count == 0) throw new AbiException("a Merkle tree needs at least one leaf");
        var types = leafEncoding.Select(AbiType.Parse).ToArray();
        var leaves = new Hash32[values.Count];
        Parallel.For(0, values.Count, new ParallelOptions { MaxDegreeOfParallelism = values.Count < 4096 ? 1 : -1 },
            i => leaves[i] = LeafHash(types, values[i]));
        var order = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(order, (a, b) => leaves[a].CompareTo(leaves[b]));

        var tree = new Hash32[2 * values.Count - 1];
        var treeIndexOfValue = new int[values.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var treeIndex = tree.Length - 1 - i;
            tree[treeIndex] = leaves[order[i]];
            treeIndexOfValue[order[i]] = treeIndex;
        }
        var buffer = new byte[64];
        for (var i = tree.Length - 1 - values.Count; i >= 0; i--) tree[i] = HashPair(tree[2 * i + 1], tree[2 * i + 2], buffer);
        return new StandardMerkleTree(tree, treeIndexOfValue, types, values);
    }

    /// <summary>The leaf hash of one value: keccak256(bytes.concat(keccak256(abi.encode(values…)))).</summary>
    public static Hash32 LeafHash(IReadOnlyList<string> leafEncoding, IReadOnlyList<object?> value) =>
        LeafHash(leafEncoding.Select(AbiType.Parse).ToArray(), value);

    private static Hash32 LeafHash(AbiType[] types, IReadOnlyList<object?> value)
    {
        var encoded = AbiEncoder.EncodeTuple(types, value.ToArray());
        var inner = new byte[32];
        Keccak256.HashInto(encoded, 0, encoded.Length, inner, 0);
        return Keccak256.Hash(inner);
    }

    /// <summary>The proof of the value at <paramref name="index"/> (its position in <see cref="Values"/>).</summary>
    public IReadOnlyList<Hash32> GetProof(int index)
    {
        if ((uint)index >= (uint)_treeIndexOfValue.Length) throw new ArgumentOutOfRangeException(nameof(index), index, "no leaf at that index");
        var proof = new List<Hash32>();
        for (var i = _treeIndexOfValue[index]; i > 0; i = (i - 1) / 2) proof.Add(_tree[i % 2 == 1 ? i + 1 : i - 1]);
        return proof;
    }

    /// <summary>The leaf hash of the value at <paramref name="index"/>.</summary>
    public Hash32 GetLeafHash(int index) => _tree[_treeIndexOfValue[index]];

    /// <summary>Verifies a proof as OpenZeppelin's <c>MerkleProof.verify</c> does.</summary>
    public static bool Verify(Hash32 root, IReadOnlyList<string> leafEncoding, IReadOnlyList<object?> value, IReadOnlyList<Hash32> proof) =>
        ProcessProof(LeafHash(leafEncoding, value), proof) == root;

    /// <summary>Folds a proof onto a leaf hash: the root it implies.</summary>
    public static Hash32 ProcessProof(Hash32 leaf, IReadOnlyList<Hash32> proof)
    {
        var buffer = new byte[64];
        var node = leaf;
        foreach (var sibling in proof) node = HashPair(node, sibling, buffer);
        return node;
    }

    private static Hash32 HashPair(Hash32 a, Hash32 b, byte[] buffer)
    {
        var (low, high) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
        low.Span.CopyTo(buffer);
        high.Span.CopyTo(buffer.AsSpan(32));
        return Keccak256.Hash(buffer, 0, 64);
    }
}
