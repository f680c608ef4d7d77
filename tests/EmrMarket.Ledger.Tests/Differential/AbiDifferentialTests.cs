using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Tests.Oracles;

namespace EmrMarket.Ledger.Tests.Differential;

/// <summary>Our ABI codec against Foundry's cast on seeded random types and values.</summary>
public class AbiDifferentialTests
{
    private const int Cases = 240;

    [Fact]
    public async Task Encode_RandomCalls_EqualsCastCalldataAndDecodesBack()
    {
        var random = new RandomAbi(20251121);
        var cases = Enumerable.Range(0, Cases).Select(_ =>
        {
            var types = Enumerable.Range(0, random.Random.Next(1, 5)).Select(_ => random.Type()).ToArray();
            var values = types.Select(random.Value).ToArray();
            return (Function: new AbiFunction("f", types.Select(t => new AbiParameter("", t)).ToArray(), []), Values: values);
        }).ToArray();

        using var gate = new SemaphoreSlim(4);
        var castOutputs = await Task.WhenAll(cases.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                var literals = c.Function.Inputs.Select((p, i) => RandomAbi.CastLiteral(p.Type, c.Values[i]));
                return await Cast.RunAsync(["calldata", c.Function.Signature, "--", .. literals]);
            }
            finally
            {
                gate.Release();
            }
        }));

        for (var i = 0; i < cases.Length; i++)
        {
            var (function, values) = cases[i];
            Assert.True(castOutputs[i] == Hex.Encode(function.Encode(values)), $"case {i}: {function.Signature} differs from cast");
            var decoded = function.DecodeInput(Hex.Decode(castOutputs[i]));
            Assert.True(RandomAbi.Same(values, decoded), $"case {i}: decoding cast's {function.Signature} did not give the values back");
        }
    }

    [Fact]
    public async Task DecodeEvent_IndexedDynamicArguments_AreTopicHashesLikeCast()
    {
        var abi = ContractAbi.FromJson("""
            [{"type":"event","name":"Note","anonymous":false,"inputs":[
              {"name":"who","type":"address","indexed":true},{"name":"tag","type":"string","indexed":true},
              {"name":"amount","type":"int64","indexed":true},{"name":"body","type":"bytes","indexed":false}]}]
            """);
        var note = abi.Event("Note");
        var who = EthAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var topics = new[] { note.Topic0, AbiEvent.TopicOf(note.Inputs[0].Type, who), AbiEvent.TopicOf(note.Inputs[1].Type, "consent"), AbiEvent.TopicOf(note.Inputs[2].Type, -7L) };
        var data = Hex.Decode(await Cast.RunAsync("abi-encode", "f(bytes)", "0xc0ffee"));
        var decoded = abi.DecodeEvent(new EventLog(EthAddress.Zero, topics, data));

        Assert.Equal(await Cast.RunAsync("keccak", "Note(address,string,int64,bytes)"), note.Topic0.ToString());
        Assert.Equal(await Cast.RunAsync("keccak", "consent"), ((Hash32)decoded["tag"]!).ToString());
        Assert.Equal(who, decoded["who"]);
        Assert.Equal(-7, (int)(System.Numerics.BigInteger)decoded["amount"]!);
        Assert.Equal(Hex.Decode("0xc0ffee"), decoded.Get<byte[]>("body"));
    }
}
