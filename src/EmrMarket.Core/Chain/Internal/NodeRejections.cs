using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Chain.Internal;

internal static class NodeRejections
{
    private static readonly string[] Known = ["already known", "already imported", "known transaction"];
    private static readonly string[] NonceTooLow = ["nonce too low", "nonce has already been used", "replacement transaction underpriced", "already exists"];
    private static readonly string[] Transient =
        ["insufficient funds", "underpriced", "fee cap", "base fee", "txpool is full", "pool is full", "nonce too high", "gap", "try again"];

    public static NodeRejection Classify(JsonRpcException error)
    {
        var message = error.NodeMessage;
        if (Known.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase))) return NodeRejection.Known;
        if (NonceTooLow.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase))) return NodeRejection.NonceTooLow;
        if (Transient.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase))) return NodeRejection.Transient;
        return NodeRejection.Permanent;
    }
}
