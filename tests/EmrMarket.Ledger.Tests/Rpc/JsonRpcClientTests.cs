using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Ledger.Tests.Rpc;

public class JsonRpcClientTests
{
    private static readonly JsonRpcClientOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(5) };

    private static EthRpc Eth(Uri url) => new(new JsonRpcClient(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, url, Fast));

    [Fact]
    public async Task ChainIdAsync_UnreachableNode_ThrowsTransientTransportError()
    {
        var url = new Uri($"http://127.0.0.1:{FakeNode.FreePort()}/");
        var error = await Assert.ThrowsAsync<RpcTransportException>(() => Eth(url).ChainIdAsync());
        Assert.True(error.IsTransient);
        Assert.Contains("unreachable", error.Message);
    }

    [Fact]
    public async Task ChainIdAsync_NodeAnswersGarbage_ThrowsTransportErrorNamingIt()
    {
        using var node = new FakeNode((200, "<html>hello</html>"));
        var error = await Assert.ThrowsAsync<RpcTransportException>(() => Eth(node.Url).ChainIdAsync());
        Assert.Contains("not JSON-RPC", error.Message);
    }

    [Fact]
    public async Task ChainIdAsync_ResultNotAQuantity_ThrowsTransportError()
    {
        using var node = new FakeNode((200, """{"jsonrpc":"2.0","id":1,"result":"banana"}"""));
        var error = await Assert.ThrowsAsync<RpcTransportException>(() => Eth(node.Url).ChainIdAsync());
        Assert.Contains("hex quantity", error.Message);
    }

    [Fact]
    public async Task BlockNumberAsync_TransientFailures_RetriesWithBackOff()
    {
        using var node = new FakeNode((503, "busy"), (502, "busy"), (200, """{"jsonrpc":"2.0","id":1,"result":"0x2a"}"""));
        Assert.Equal(42UL, await Eth(node.Url).BlockNumberAsync());
        Assert.Equal(3, node.Requests);
    }

    [Fact]
    public async Task SendRawTransactionAsync_TransientFailure_IsNeverRetried()
    {
        using var node = new FakeNode((503, "busy"));
        await Assert.ThrowsAsync<RpcTransportException>(() => Eth(node.Url).SendRawTransactionAsync([0x02, 0xc0]));
        Assert.Equal(1, node.Requests);
    }

    [Fact]
    public async Task CallAsync_NodeError_ThrowsJsonRpcExceptionWithNodeMessage()
    {
        using var node = new FakeNode((200, """{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"the method eth_foo does not exist"}}"""));
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => Eth(node.Url).CallAsync("eth_foo", []));
        Assert.Equal(-32601, error.Code);
        Assert.Equal("the method eth_foo does not exist", error.NodeMessage);
    }

    [Fact]
    public async Task CallAsync_RevertWithData_ThrowsDecodedRevert()
    {
        var data = Hex.Encode(new AbiError("Error", [new AbiParameter("m", AbiType.Parse("string"))]).Encode("no consent"));
        using var node = new FakeNode((200, $$$"""{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted: no consent","data":"{{{data}}}"}}"""));
        var error = await Assert.ThrowsAsync<ContractRevertException>(() => Eth(node.Url).CallAsync(new CallRequest(EthAddress.Zero, [])));
        Assert.Equal("no consent", error.Reason.Message);
        Assert.Equal("execution reverted: no consent", error.NodeMessage);
    }

    [Fact]
    public async Task BatchAsync_MixedAnswers_ReturnsEachInRequestOrder()
    {
        using var node = new FakeNode((200, """[{"jsonrpc":"2.0","id":2,"error":{"code":-32000,"message":"nonce too low"}},{"jsonrpc":"2.0","id":1,"result":"0x1"}]"""));
        var answers = await new JsonRpcClient(new HttpClient(), node.Url).BatchAsync(
            [new JsonRpcRequest("eth_chainId", []), new JsonRpcRequest("eth_sendRawTransaction", ["0x00"])], CancellationToken.None);
        Assert.Equal("0x1", answers[0].GetResultOrThrow().GetString());
        Assert.Equal("nonce too low", Assert.Throws<JsonRpcException>(() => answers[1].GetResultOrThrow()).NodeMessage);
        Assert.Contains("\"method\":\"eth_sendRawTransaction\"", node.Bodies[0]);
    }
}
