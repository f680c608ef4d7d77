using EmrMarket.Core.Anchoring;
using EmrMarket.Fhir.Canonical;
using EmrMarket.Ledger.Merkle;

namespace EmrMarket.Core.Tests.Anchoring;

/// <summary>The flat record tree against Ledger's StandardMerkleTree (itself proven against @openzeppelin/merkle-tree).</summary>
public sealed class RecordTreeTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 4, 5, 7, 8, 33, 1000, 5000 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Of_AnyNumberOfLeaves_SameRootLeavesAndProofsAsStandardMerkleTree(int count)
    {
        var random = new Random(count);
        var leaves = Enumerable.Range(0, count).Select(_ => ContentHash.FromBytes(RandomBytes(random))).ToList();

        var tree = RecordTree.Of(leaves);
        var standard = StandardMerkleTree.Of(leaves.Select(l => (IReadOnlyList<object?>)[l.ToArray()]).ToList(), ["bytes32"]);

        Assert.Equal(standard.Root, tree.Root);
        foreach (var i in new[] { 0, count / 2, count - 1 })
        {
            Assert.Equal(standard.GetLeafHash(i), tree.LeafHash(i));
            Assert.Equal(standard.GetProof(i), tree.GetProof(i));
            Assert.Equal(tree.Root, StandardMerkleTree.ProcessProof(tree.LeafHash(i), tree.GetProof(i)));
        }
    }

    [Fact]
    public void Of_NoLeaves_Refused() => Assert.Throws<ArgumentException>(() => RecordTree.Of([]));

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }
}
