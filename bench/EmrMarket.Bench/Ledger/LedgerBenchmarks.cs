using System.Numerics;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Transactions;
using EmrMarket.Testing;

namespace EmrMarket.Bench.Ledger;

/// <summary>
/// The Ledger client's hot paths on one core (signing, ABI, EIP-712, log decoding, Merkle trees),
/// the ratio to ethers' signing, and pipelined versus send-and-wait sending against a local anvil.
/// Options: --seconds N (per measurement, default 3), --no-chain (skip the anvil part).
/// </summary>
public sealed class LedgerBenchmarks : IBenchmarkSuite
{
    public string Name => "ledger";

    public string Description => "signing, ABI, EIP-712, logs, Merkle trees, pipelined sending vs anvil";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(double.Parse).FirstOrDefault(3);
        output.WriteLine("| operation (one core) | per second |");
        output.WriteLine("|---|---:|");
        var signRate = Row(output, "sign + encode an EIP-1559 transaction", Measure.Rate(SignTransaction(), seconds));
        var ethersRate = await EthersSigningRateAsync(seconds);
        output.WriteLine($"| same with ethers 6 (node, `Ledger/ethers-sign.mjs`) | {Measure.PerSecond(ethersRate)} |");
        output.WriteLine($"| ratio ours / ethers | {signRate / ethersRate:N2}× |");
        Row(output, "ABI-encode a 10-argument call", Measure.Rate(EncodeCall(), seconds, 1000));
        Row(output, "EIP-712 consent digest + signature", Measure.Rate(SignConsent(), seconds));
        Row(output, "decode a log (2 indexed + 2 data arguments)", Measure.Rate(DecodeLog(), seconds, 1000));
        Row(output, "Keccak-256 of 64 bytes", Measure.Rate(HashPair(), seconds, 1000));
        output.WriteLine();
        MerkleTree(output);
        if (!args.Contains("--no-chain")) await new SendingBenchmark(output).RunAsync(cancellationToken);
    }

    private static double Row(TextWriter output, string name, double rate)
    {
        output.WriteLine($"| {name} | {Measure.PerSecond(rate)} |");
        return rate;
    }

    private static Action<int> SignTransaction()
    {
        var key = PrivateKey.FromBytes(Keccak256.Hash("bench").Span);
        var data = new AbiFunction("transfer", [new("to", AbiType.Parse("address")), new("amount", AbiType.Parse("uint256"))], [])
            .Encode(EthAddress.Parse("0x000000000000000000000000000000000000dEaD"), 1000);
        return nonce => new Eip1559Transaction
        {
            ChainIdValue = 31337, Nonce = (ulong)nonce, GasLimit = 100_000, MaxFeePerGas = 2_000_000_000, MaxPriorityFeePerGas = 1_000_000_000,
            To = EthAddress.Parse("0x000000000000000000000000000000000000dEaD"), Value = 1, Data = data,
        }.Sign(key);
    }

    private static async Task<double> EthersSigningRateAsync(double seconds)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Ledger", "ethers-sign.mjs");
        var result = await ProcessRunner.RunAsync("node", [script, RepoPaths.Contracts, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"ethers-sign.mjs failed: {result.StandardError}");
        return double.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Action<int> EncodeCall()
    {
        var function = AbiFunction.Parse("grantWithSig(address,uint256,uint64,uint256,uint256,bytes32,bool,address,uint8,bytes32)");
        var patient = EthAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var hash = Keccak256.Hash("manifest");
        var big = BigInteger.Parse("123456789012345678901234567890");
        return i => function.Encode(patient, big, 1_900_000_000UL, (long)i, big, hash, true, patient, 27, hash);
    }

    private static Action<int> SignConsent()
    {
        var types = new Eip712Types(new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Consent"] = [new("patient", "address"), new("purposes", "uint256"), new("expiry", "uint64"), new("nonce", "uint256"), new("deadline", "uint256")],
        });
        var separator = new Eip712Domain("EmrMarket Consent", "1", 31337, EthAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3")).Separator();
        var key = PrivateKey.FromBytes(Keccak256.Hash("patient").Span);
        var message = new Dictionary<string, object?> { ["patient"] = key.Address, ["purposes"] = 5, ["expiry"] = 1_900_000_000UL, ["nonce"] = 0, ["deadline"] = 1_800_000_000UL };
        return i =>
        {
            message["nonce"] = i;
            key.Sign(TypedData.Digest(separator, types.HashStruct("Consent", message)));
        };
    }

    private static Action<int> DecodeLog()
    {
        var abi = ContractAbi.FromJson("""
            [{"type":"event","name":"ConsentChanged","anonymous":false,"inputs":[
              {"name":"patient","type":"address","indexed":true},{"name":"purposes","type":"uint256","indexed":true},
              {"name":"expiry","type":"uint64","indexed":false},{"name":"version","type":"uint32","indexed":false}]}]
            """);
        var e = abi.Event("ConsentChanged");
        var log = new EventLog(EthAddress.Zero,
            [e.Topic0, AbiEvent.TopicOf(AbiType.Parse("address"), EthAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")), AbiEvent.TopicOf(AbiType.Parse("uint256"), 5)],
            new AbiFunction("x", [new("", AbiType.Parse("uint64")), new("", AbiType.Parse("uint32"))], []).Encode(1_900_000_000UL, 3)[4..]);
        return _ => abi.DecodeEvent(log);
    }

    private static Action<int> HashPair()
    {
        var data = new byte[64];
        var output = new byte[32];
        return _ => Keccak256.HashInto(data, 0, 64, output, 0);
    }

    private static void MerkleTree(TextWriter output)
    {
        output.WriteLine("| StandardMerkleTree, (address, uint256) leaves | build time | leaves per second |");
        output.WriteLine("|---|---:|---:|");
        foreach (var count in new[] { 100_000, 1_000_000 })
        {
            var values = Enumerable.Range(0, count).Select(i => (IReadOnlyList<object?>)[new EthAddress(Keccak256.Hash(BitConverter.GetBytes(i)).Span[..20]), new BigInteger(i + 1)]).ToArray();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var tree = StandardMerkleTree.Of(values, ["address", "uint256"]);
            watch.Stop();
            GC.KeepAlive(tree.Root);
            output.WriteLine($"| {count:N0} leaves (all cores) | {watch.Elapsed.TotalSeconds:N2} s | {count / watch.Elapsed.TotalSeconds:N0} |");
        }
        output.WriteLine();
    }
}
