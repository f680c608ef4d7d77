using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Tests.Oracles;

namespace EmrMarket.Ledger.Tests.Differential;

/// <summary>StandardMerkleTree against @openzeppelin/merkle-tree on seeded random leaves.</summary>
public class MerkleDifferentialTests
{
    public static TheoryData<string> Encodings() => ["address,uint256", "bytes32", "uint256,string,bool"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Of_RandomLeaves_RootAndProofsEqualOpenZeppelin(string encodingText)
    {
        var encoding = encodingText.Split(',');
        var random = new RandomAbi(encodingText.Length * 7919);
        var trees = new[] { 1, 2, 3, 5, 8, 13, 64, 100, 257, 1000 }.Select(size => Enumerable.Range(0, size)
            .Select(_ => (IReadOnlyList<object?>)encoding.Select(t => random.Value(Ledger.Abi.AbiType.Parse(t))).ToArray()).ToArray()).ToArray();
        var proofIndices = trees.Select(t => Enumerable.Range(0, 5).Select(_ => random.Random.Next(t.Length)).Distinct().ToArray()).ToArray();

        var answers = await EthersOracle.AskAsync("merkle", new JsonArray(trees.Select((values, i) => (JsonNode)new JsonObject
        {
            ["encoding"] = new JsonArray(encoding.Select(e => (JsonNode)e).ToArray()),
            ["values"] = new JsonArray(values.Select(v => (JsonNode)new JsonArray(v.Select(Json).ToArray())).ToArray()),
            ["proofs"] = new JsonArray(proofIndices[i].Select(x => (JsonNode)x).ToArray()),
        }).ToArray()));

        for (var i = 0; i < trees.Length; i++)
        {
            var tree = StandardMerkleTree.Of(trees[i], encoding);
            Assert.Equal(answers[i].GetProperty("root").GetString(), tree.Root.ToString());
            var expectedProofs = answers[i].GetProperty("proofs").EnumerateArray().ToArray();
            for (var p = 0; p < proofIndices[i].Length; p++)
            {
                var index = proofIndices[i][p];
                var proof = tree.GetProof(index);
                Assert.Equal(expectedProofs[p].EnumerateArray().Select(h => h.GetString()), proof.Select(h => h.ToString()));
                Assert.True(StandardMerkleTree.Verify(tree.Root, encoding, trees[i][index], proof));
            }
        }
    }

    [Fact]
    public void Verify_TamperedValue_ReturnsFalse()
    {
        string[] encoding = ["address", "uint256"];
        var values = Enumerable.Range(1, 10).Select(i => (IReadOnlyList<object?>)[new EthAddress(Keccak256.Hash(i.ToString()).Span[..20]), new BigInteger(i)]).ToArray();
        var tree = StandardMerkleTree.Of(values, encoding);
        Assert.False(StandardMerkleTree.Verify(tree.Root, encoding, [values[3][0], new BigInteger(99)], tree.GetProof(3)));
    }

    private static JsonNode? Json(object? value) => value switch
    {
        BigInteger b => b.ToString(),
        EthAddress a => a.ToString(),
        byte[] bytes => Hex.Encode(bytes),
        bool b => b,
        string s => s,
        _ => throw new InvalidOperationException($"unexpected {value}"),
    };
}
