using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>
/// The node is unreachable for one eth_estimateGas (the <paramref name="failing"/>th, from 1) and every retry of it,
/// like a node that stops half-way through a batch.
/// </summary>
public sealed class FailingEstimate(int failing) : DelegatingHandler(new SocketsHttpHandler())
{
    private static readonly int Attempts = new JsonRpcClientOptions().MaxRetries + 1;
    private int _estimates;

    public bool Failed => Volatile.Read(ref _estimates) >= failing + Attempts - 1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (body.Contains("eth_estimateGas", StringComparison.Ordinal))
        {
            var estimate = Interlocked.Increment(ref _estimates);
            if (estimate >= failing && estimate < failing + Attempts) throw new HttpRequestException("the connection dropped (test)");
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
