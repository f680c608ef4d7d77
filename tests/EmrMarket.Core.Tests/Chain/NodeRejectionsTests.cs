using EmrMarket.Core.Chain.Internal;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Tests.Chain;

public sealed class NodeRejectionsTests
{
    // Messages as geth, anvil and Besu word them.
    [Theory]
    [InlineData("already known", "Known")]
    [InlineData("Known transaction", "Known")]
    [InlineData("nonce too low", "NonceTooLow")]
    [InlineData("nonce too low: next nonce 5, tx nonce 3", "NonceTooLow")]
    [InlineData("replacement transaction underpriced", "NonceTooLow")]
    [InlineData("insufficient funds for gas * price + value", "Transient")]
    [InlineData("transaction underpriced", "Transient")]
    [InlineData("max fee per gas less than block base fee", "Transient")]
    [InlineData("txpool is full", "Transient")]
    [InlineData("intrinsic gas too high -- tx.gas_limit > env.block.gas_limit", "Permanent")]
    [InlineData("intrinsic gas too low", "Permanent")]
    [InlineData("invalid sender", "Permanent")]
    public void Classify_NodeMessage_Meaning(string message, string expected) =>
        Assert.Equal(Enum.Parse<NodeRejection>(expected), NodeRejections.Classify(new JsonRpcException("eth_sendRawTransaction", -32000, message, null)));
}
