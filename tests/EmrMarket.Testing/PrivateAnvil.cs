using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Testing;

/// <summary>
/// An anvil of the test's own on a free port, for what must not happen on the shared one: snapshots and reverts
/// (reorganisations), mining on demand, timed blocks, stopping the node. With <c>--state FILE</c> it keeps its
/// chain across <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>. Killed when disposed.
/// </summary>
public sealed class PrivateAnvil : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly int _port;
    private Process? _process;

    private PrivateAnvil(string[] arguments, int port)
    {
        _arguments = arguments;
        _port = port;
        RpcUrl = new Uri($"http://127.0.0.1:{port}/");
        Rpc = new EthRpc(new JsonRpcClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, RpcUrl));
    }

    public const ulong ChainId = 31337;

    public Uri RpcUrl { get; }

    public EthRpc Rpc { get; }

    public static string Binary => Path.Combine(RepoPaths.Contracts, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static async Task<PrivateAnvil> StartAsync(params string[] arguments)
    {
        var anvil = new PrivateAnvil(arguments, FreePort());
        await anvil.StartAgainAsync();
        return anvil;
    }

    /// <summary>Starts the node (again) on the same port with the same arguments.</summary>
    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Binary,
            ["--host", "127.0.0.1", "--port", _port.ToString(), "--chain-id", ChainId.ToString(), "--silent", .. _arguments])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Rpc.ChainIdAsync();
                return;
            }
            catch (RpcTransportException) when (attempt < 100 && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the node with SIGTERM, so that with --state it writes its chain first.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
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
        if (_process is null) return;
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
