using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Ledger.Sending;

/// <summary>Polls for a receipt, enforces the confirmation depth and reorg safety, and explains failures.</summary>
internal sealed class ReceiptWaiter(EthRpc rpc, TransactionSenderOptions options, TimeProvider time)
{
    private const int PollsBetweenDropChecks = 20;

    public async Task<TransactionReceipt> WaitAsync(PendingTransaction transaction, int confirmations, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var poll = 1; ; poll++)
        {
            var receipt = await rpc.GetTransactionReceiptAsync(transaction.Hash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                var latest = await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
                if (latest + 1 >= receipt.BlockNumber + (ulong)Math.Max(confirmations, 1))
                {
                    // Read it again: a reorganisation while we waited moves or removes it.
                    var again = confirmations > 1 ? await rpc.GetTransactionReceiptAsync(transaction.Hash, cancellationToken).ConfigureAwait(false) : receipt;
                    if (again is not null && again.BlockHash == receipt.BlockHash)
                        return again.Succeeded ? again : throw await FailureAsync(transaction, again, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (poll % PollsBetweenDropChecks == 0)
            {
                await RebroadcastIfDroppedAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
            if (time.GetElapsedTime(started) > options.ReceiptTimeout)
                throw new TransactionDroppedException(transaction.Hash, $"no receipt within {options.ReceiptTimeout}");
            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RebroadcastIfDroppedAsync(PendingTransaction transaction, CancellationToken cancellationToken)
    {
        if (await rpc.IsTransactionKnownAsync(transaction.Hash, cancellationToken).ConfigureAwait(false)) return;
        var mined = await rpc.GetTransactionCountAsync(transaction.Signed.From, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        if (mined > transaction.Nonce)
        {
            if (await rpc.GetTransactionReceiptAsync(transaction.Hash, cancellationToken).ConfigureAwait(false) is not null) return;
            throw new TransactionDroppedException(transaction.Hash, $"dropped; nonce {transaction.Nonce} was used by another transaction");
        }
        try
        {
            await rpc.SendRawTransactionAsync(transaction.Signed.Raw, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException)
        {
            // Mined or re-queued meanwhile; the next polls tell.
        }
    }

    private async Task<TransactionFailedException> FailureAsync(PendingTransaction transaction, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        var call = new CallRequest(request.To, request.Data, transaction.Signed.From, request.Value, transaction.Signed.Transaction.GasLimit);
        foreach (var block in new[] { receipt.BlockNumber - 1, receipt.BlockNumber })
        {
            try
            {
                await rpc.CallAsync(call, block, request.Errors, cancellationToken).ConfigureAwait(false);
            }
            catch (ContractRevertException e)
            {
                return new TransactionFailedException(receipt, e.Reason);
            }
        }
        var gasNote = receipt.GasUsed >= transaction.Signed.Transaction.GasLimit ? " (it used all its gas: out of gas)" : "";
        return new TransactionFailedException(receipt, new RevertReason(RevertKind.Empty, "reverted; replaying the call did not reproduce it" + gasNote, null, [], []));
    }
}
