using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Bench.Ledger;

/// <summary>
/// Pipelined sending (local nonces, JSON-RPC batches) against send-then-wait-for-receipt, on a
/// private anvil this benchmark starts and stops: once with instant mining, once with 1-second blocks.
/// </summary>
internal sealed class SendingBenchmark(TextWriter output)
{
    private string _catchUp = "";

    private static readonly EthAddress Sink = EthAddress.Parse("0x000000000000000000000000000000000000dEaD");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        output.WriteLine("| sending from one key to a local anvil | pipelined: accepted/s | pipelined: mined/s | send-and-wait: tx/s | ratio |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        await RunModeAsync("instant mining (anvil default)", [], pipelined: 3000, sequential: 300, cancellationToken);
        await RunModeAsync("1 s block time (`--block-time 1`)", ["--block-time", "1"], pipelined: 3000, sequential: 4, cancellationToken);
        output.WriteLine();
        output.WriteLine($"| indexer catch-up: eth_getLogs (2-block ranges) + decode | events | events per second |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine(_catchUp);
        output.WriteLine();
    }

    private async Task RunModeAsync(string mode, string[] anvilArgs, int pipelined, int sequential, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var anvil = Process.Start(new ProcessStartInfo(Path.Combine(RepoPaths.Contracts, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil"),
            ["--host", "127.0.0.1", "--port", port.ToString(), "--silent", "--gas-limit", "300000000", .. anvilArgs])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            var rpc = new EthRpc(new JsonRpcClient(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, new Uri($"http://127.0.0.1:{port}/")));
            await WaitForNodeAsync(rpc, cancellationToken);
            var chainId = await rpc.ChainIdAsync(cancellationToken);
            var fast = new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(5), FeeCacheTime = TimeSpan.FromMinutes(5) };

            var pipe = new TransactionSender(rpc, await FundedAsync(rpc), chainId, fast);
            await pipe.SendAndWaitAsync(Transfer(), cancellationToken);
            var watch = Stopwatch.StartNew();
            PendingTransaction? last = null;
            for (var sent = 0; sent < pipelined; sent += 250)
                last = (await pipe.SendBatchAsync(Enumerable.Range(0, 250).Select(_ => Transfer()).ToArray(), cancellationToken))[^1];
            var accepted = pipelined / watch.Elapsed.TotalSeconds;
            await pipe.WaitAsync(last!, 1, cancellationToken);
            var mined = pipelined / watch.Elapsed.TotalSeconds;

            var waiter = new TransactionSender(rpc, await FundedAsync(rpc), chainId, fast);
            await waiter.SendAndWaitAsync(Transfer(), cancellationToken);
            watch.Restart();
            for (var i = 0; i < sequential; i++) await waiter.SendAndWaitAsync(Transfer(), cancellationToken);
            var waited = sequential / watch.Elapsed.TotalSeconds;
            if (anvilArgs.Length == 0)
            {
                var (events, rate) = await LogCatchUpBenchmark.RunAsync(pipe, 6, cancellationToken);
                _catchUp = $"| {events:N0} `Tick` logs in {events / 10_000} blocks of a local anvil | {events:N0} | {rate:N0} |";
            }
            output.WriteLine($"| {mode} | {accepted:N0} | {mined:N0} | {Measure.PerSecond(waited)} | {accepted / waited:N0}× |");
        }
        finally
        {
            anvil.Kill();
            await anvil.WaitForExitAsync(cancellationToken);
        }
    }

    private static TransactionRequest Transfer() => new(Sink, [], 1, 21000);

    private static async Task<PrivateKey> FundedAsync(EthRpc rpc)
    {
        var key = PrivateKey.Generate();
        await rpc.CallAsync("anvil_setBalance", [key.Address.ToLowerHex(), "0x" + BigInteger.Pow(10, 22).ToString("x")]);
        return key;
    }

    private static async Task WaitForNodeAsync(EthRpc rpc, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await rpc.ChainIdAsync(cancellationToken);
                return;
            }
            catch (RpcTransportException) when (attempt < 100)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
