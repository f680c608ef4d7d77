using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Testing;

/// <summary>
/// An anvil of the test's own on a free port, for what must not happen on the shared one: snapshots and reverts
/// (reorganisations), mining on demand. Killed when disposed.
/// </summary>
public sealed class PrivateAnvil : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateAnvil(Process process, Uri rpcUrl)
    {
        _process = process;
        RpcUrl = rpcUrl;
        Rpc = new EthRpc(new JsonRpcClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, rpcUrl));
    }

    public const ulong ChainId = 31337;

    public Uri RpcUrl { get; }

    public EthRpc Rpc { get; }

    public static string Binary => Path.Combine(RepoPaths.Contracts, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static async Task<PrivateAnvil> StartAsync(params string[] arguments)
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(Binary,
            ["--host", "127.0.0.1", "--port", port.ToString(), "--chain-id", ChainId.ToString(), "--silent", .. arguments])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var anvil = new PrivateAnvil(process, new Uri($"http://127.0.0.1:{port}/"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await anvil.Rpc.ChainIdAsync();
                return anvil;
            }
            catch (RpcTransportException) when (attempt < 100 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>evm_snapshot: an id to revert to.</summary>
    public async Task<string> SnapshotAsync() => (await Rpc.CallAsync("evm_snapshot", [])).GetString()!;

    public async Task RevertAsync(string snapshot)
    {
        if (!(await Rpc.CallAsync("evm_revert", [snapshot])).GetBoolean()) throw new InvalidOperationException($"evm_revert {snapshot} failed");
    }

    /// <summary>Mines <paramref name="blocks"/> empty blocks.</summary>
    public async Task MineAsync(int blocks = 1) => await Rpc.CallAsync("anvil_mine", ["0x" + blocks.ToString("x")]);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
