namespace EmrMarket.Data.Tests.Chain;

/// <summary>
/// Fails every eth_sendRawTransaction like a crash in the middle of a send: before the node hears of it, or
/// after the node accepted it but before the app heard back.
/// </summary>
public sealed class FailingSends(bool nodeReceivesIt) : DelegatingHandler(new SocketsHttpHandler())
{
    public int Failed;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (!body.Contains("eth_sendRawTransaction", StringComparison.Ordinal)) return await base.SendAsync(request, cancellationToken);
        if (nodeReceivesIt) (await base.SendAsync(request, cancellationToken)).Dispose();
        Interlocked.Increment(ref Failed);
        throw new HttpRequestException("the connection dropped (test)");
    }
}
