using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Chain.Internal;

/// <summary>Explains a mined transaction with status 0 by replaying its call, decoding the revert with every contract's errors.</summary>
internal static class RevertExplainer
{
    public static async Task<RevertReason> ExplainAsync(EthRpc rpc, OutboxEntry row, ulong gasLimit, TransactionReceipt receipt,
        IReadOnlyList<AbiError> errors, CancellationToken cancellationToken)
    {
        var call = new CallRequest(row.To, row.Data, row.Sender, row.Value, gasLimit);
        foreach (var block in new[] { receipt.BlockNumber - 1, receipt.BlockNumber })
        {
            try
            {
                await rpc.CallAsync(call, block, errors, cancellationToken);
            }
            catch (ContractRevertException e)
            {
                return e.Reason;
            }
            catch (JsonRpcException e)
            {
                // No revert data: the node says why (out of gas, invalid opcode…).
                return new RevertReason(RevertKind.Unknown, e.NodeMessage, null, [], []);
            }
        }
        var outOfGas = receipt.GasUsed >= gasLimit ? " (it used all its gas: out of gas)" : "";
        return new RevertReason(RevertKind.Empty, "reverted; replaying the call did not reproduce it" + outOfGas, null, [], []);
    }
}
