using EmrMarket.Core.Chain.Internal;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Tests.Chain;

public sealed class NodeRejectionsTests
{
    // Messages as geth, anvil and Besu word them.
    [Theory]
    [InlineData("already known", NodeRejection.Known)]
    [InlineData("Known transaction", NodeRejection.Known)]
    [InlineData("nonce too low", NodeRejection.NonceTooLow)]
    [InlineData("nonce too low: next nonce 5, tx nonce 3", NodeRejection.NonceTooLow)]
    [InlineData("replacement transaction underpriced", NodeRejection.NonceTooLow)]
    [InlineData("insufficient funds for gas * price + value", NodeRejection.Transient)]
    [InlineData("transaction underpriced", NodeRejection.Transient)]
    [InlineData("max fee per gas less than block base fee", NodeRejection.Transient)]
    [InlineData("txpool is full", NodeRejection.Transient)]
    [InlineData("intrinsic gas too high -- tx.gas_limit > env.block.gas_limit", NodeRejection.Permanent)]
    [InlineData("intrinsic gas too low", NodeRejection.Permanent)]
    [InlineData("invalid sender", NodeRejection.Permanent)]
    public void Classify_NodeMessage_Meaning(string message, NodeRejection expected) =>
        Assert.Equal(expected, NodeRejections.Classify(new JsonRpcException("eth_sendRawTransaction", -32000, message, null)));
}
