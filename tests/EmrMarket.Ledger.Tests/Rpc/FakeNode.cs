using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EmrMarket.Ledger.Tests.Rpc;

/// <summary>A misbehaving "node" on loopback that answers each request from a script of (status, body) pairs.</summary>
internal sealed class FakeNode : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string Body)> _answers;

    public FakeNode(params (int Status, string Body)[] answers)
    {
        _answers = new Queue<(int, string)>(answers);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Url { get; }

    public int Requests { get; private set; }

    public List<string> Bodies { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Requests++;
            using (var reader = new StreamReader(context.Request.InputStream)) Bodies.Add(await reader.ReadToEndAsync());
            var (status, body) = _answers.Count > 1 ? _answers.Dequeue() : _answers.Peek();
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
