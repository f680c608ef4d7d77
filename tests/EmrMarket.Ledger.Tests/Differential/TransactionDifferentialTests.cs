using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Tests.Oracles;
using EmrMarket.Ledger.Transactions;

namespace EmrMarket.Ledger.Tests.Differential;

/// <summary>Our signed transactions against ethers 6 on seeded random fields.</summary>
public class TransactionDifferentialTests
{
    private const int Cases = 200;

    [Fact]
    public async Task Sign_RandomTransactions_EthersDecodesSameFieldsAndSignsSameBytes()
    {
        var random = new RandomAbi(155_1559);
        var cases = Enumerable.Range(0, Cases).Select(i =>
        {
            var key = PrivateKey.FromBytes(Keccak256.Hash(random.Bytes(32)).Span);
            var to = random.Random.Next(5) == 0 ? (EthAddress?)null : new EthAddress(random.Bytes(20));
            var chainId = (ulong)random.Random.NextInt64(1, 1L << 40);
            var nonce = (ulong)random.Random.NextInt64(0, 1L << 40);
            var gas = (ulong)random.Random.NextInt64(21000, 30_000_000);
            var value = random.Unsigned(96);
            var data = random.Bytes(random.Random.Next(0, 100));
            var tip = random.Unsigned(64);
            Transaction tx = i % 2 == 0
                ? new Eip1559Transaction
                {
                    ChainIdValue = chainId, Nonce = nonce, GasLimit = gas, To = to, Value = value, Data = data,
                    MaxPriorityFeePerGas = tip, MaxFeePerGas = tip + random.Unsigned(72),
                }
                : new LegacyTransaction
                {
                    ReplayProtectionChainId = chainId, Nonce = nonce, GasLimit = gas, To = to, Value = value, Data = data,
                    GasPrice = random.Unsigned(72),
                };
            return (Key: key, Signed: tx.Sign(key));
        }).ToArray();

        var answers = await EthersOracle.AskAsync("tx", new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["key"] = Hex.Encode(c.Key.ExportBytes()),
            ["raw"] = c.Signed.RawHex,
            ["fields"] = Fields(c.Signed.Transaction),
        }).ToArray()));

        for (var i = 0; i < cases.Length; i++)
        {
            var (key, signed) = cases[i];
            var tx = signed.Transaction;
            var answer = answers[i];
            Assert.Equal(key.Address.ToString(), answer.GetProperty("from").GetString());
            Assert.Equal(signed.Hash.ToString(), answer.GetProperty("hash").GetString());
            Assert.Equal(tx is Eip1559Transaction ? 2 : 0, answer.GetProperty("type").GetInt32());
            Assert.Equal(tx.ChainId.ToString(), answer.GetProperty("chainId").GetString());
            Assert.Equal(tx.Nonce, answer.GetProperty("nonce").GetUInt64());
            Assert.Equal(tx.GasLimit.ToString(), answer.GetProperty("gasLimit").GetString());
            Assert.Equal(tx.To?.ToString(), answer.GetProperty("to").GetString());
            Assert.Equal(tx.Value.ToString(), answer.GetProperty("value").GetString());
            Assert.Equal(Hex.Encode(tx.Data), answer.GetProperty("data").GetString());
            Assert.Equal(signed.RawHex, answer.GetProperty("ethersRaw").GetString());
            Assert.Equal(signed.From, SignedTransaction.Decode(signed.Raw, tx.ChainId).From);
        }
    }

    private static JsonObject Fields(Transaction tx)
    {
        var fields = new JsonObject
        {
            ["chainId"] = tx.ChainId.ToString(),
            ["nonce"] = tx.Nonce,
            ["gasLimit"] = tx.GasLimit.ToString(),
            ["to"] = tx.To?.ToLowerHex(),
            ["value"] = tx.Value.ToString(),
            ["data"] = Hex.Encode(tx.Data),
        };
        switch (tx)
        {
            case Eip1559Transaction t:
                fields["type"] = 2;
                fields["maxFeePerGas"] = t.MaxFeePerGas.ToString();
                fields["maxPriorityFeePerGas"] = t.MaxPriorityFeePerGas.ToString();
                break;
            case LegacyTransaction t:
                fields["type"] = 0;
                fields["gasPrice"] = t.GasPrice.ToString();
                break;
        }
        return fields;
    }
}
