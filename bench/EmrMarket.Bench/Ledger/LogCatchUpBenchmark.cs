using System.Diagnostics;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Bench.Ledger;

/// <summary>
/// An indexer's catch-up: eth_getLogs over a block range plus decoding every log. The logs come from
/// contract-creation code that emits <c>Tick(uint256 indexed n, uint256 value)</c> in a loop.
/// </summary>
internal static class LogCatchUpBenchmark
{
    private const int EventsPerTransaction = 10_000;
    private static readonly AbiEvent Tick = ContractAbi.FromJson("""
        [{"type":"event","name":"Tick","anonymous":false,"inputs":[
          {"name":"n","type":"uint256","indexed":true},{"name":"value","type":"uint256","indexed":false}]}]
        """).Event("Tick");

    public static async Task<(int Events, double PerSecond)> RunAsync(TransactionSender sender, int transactions, CancellationToken cancellationToken)
    {
        var from = await sender.Rpc.BlockNumberAsync(cancellationToken);
        var pending = await sender.SendBatchAsync(
            Enumerable.Range(0, transactions).Select(_ => new TransactionRequest(null, InitCode(EventsPerTransaction), GasLimit: 25_000_000)).ToArray(),
            cancellationToken);
        foreach (var p in pending) await sender.WaitAsync(p, 1, cancellationToken);
        var to = await sender.Rpc.BlockNumberAsync(cancellationToken);

        var watch = Stopwatch.StartNew();
        var decoded = 0;
        var abi = new ContractAbi([], [Tick], []);
        for (var start = from + 1; start <= to; start += 2)
        {
            var logs = await sender.Rpc.GetLogsAsync(new LogFilter(start, Math.Min(start + 1, to), Topics: [[Tick.Topic0]]), cancellationToken);
            foreach (var log in logs)
            {
                if (abi.DecodeEvent(log)["value"] is null) throw new InvalidOperationException("a Tick without a value");
                decoded++;
            }
        }
        if (decoded != transactions * EventsPerTransaction) throw new InvalidOperationException($"caught up {decoded} events, expected {transactions * EventsPerTransaction}");
        return (decoded, decoded / watch.Elapsed.TotalSeconds);
    }

    /// <summary>EVM creation code: for i = count..1 { mstore(0, i); log2(0, 32, Tick, i) }, then stop (no runtime code).</summary>
    private static byte[] InitCode(int count) =>
    [
        0x61, (byte)(count >> 8), (byte)count,          // PUSH2 count
        0x5b,                                           // loop: JUMPDEST (offset 3)
        0x80, 0x60, 0x00, 0x52,                         // DUP1 PUSH1 0 MSTORE      mem[0] = i
        0x80,                                           // DUP1                     topic 1 = i
        0x7f, .. Tick.Topic0.Span,                      // PUSH32 topic 0
        0x60, 0x20, 0x60, 0x00, 0xa2,                   // PUSH1 32 PUSH1 0 LOG2
        0x60, 0x01, 0x90, 0x03,                         // PUSH1 1 SWAP1 SUB        i - 1
        0x80, 0x60, 0x03, 0x57,                         // DUP1 PUSH1 3 JUMPI       loop while i != 0
        0x00,                                           // STOP
    ];
}
