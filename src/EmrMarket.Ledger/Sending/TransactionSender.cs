using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Transactions;

namespace EmrMarket.Ledger.Sending;

/// <summary>
/// Sends EIP-1559 transactions from one key. Nonces are assigned locally, so many transactions
/// can be in flight without waiting for receipts; "nonce too low" (another user of the key)
/// re-reads the nonce and re-signs; a transport failure re-sends the identical bytes only after
/// checking that the node does not already have them.
/// </summary>
public sealed class TransactionSender(EthRpc rpc, PrivateKey key, ulong chainId, TransactionSenderOptions? options = null, TimeProvider? time = null)
{
    private readonly TransactionSenderOptions _options = options ?? new TransactionSenderOptions();
    private readonly SemaphoreSlim _nonceGate = new(1, 1);
    private readonly ReceiptWaiter _receipts = new(rpc, options ?? new TransactionSenderOptions(), time ?? TimeProvider.System);
    private FeeEstimator? _fees;
    private ulong? _nextNonce;
    private bool _chainChecked;

    /// <summary>The sending account.</summary>
    public EthAddress Address => key.Address;

    /// <summary>The chain transactions are signed for.</summary>
    public ulong ChainId => chainId;

    /// <summary>The RPC facade.</summary>
    public EthRpc Rpc => rpc;

    private FeeEstimator Fees => _fees ??= new FeeEstimator(rpc, _options, time);

    /// <summary>Signs and submits one transaction; returns once the node accepted it.</summary>
    /// <exception cref="ContractRevertException">Gas estimation found that it would revert (no nonce used).</exception>
    /// <exception cref="ChainMismatchException">The node serves another chain.</exception>
    /// <exception cref="JsonRpcException">The node rejected it for another reason (e.g. insufficient funds).</exception>
    public async Task<PendingTransaction> SendAsync(TransactionRequest request, CancellationToken cancellationToken = default) =>
        (await SendBatchAsync([request], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Signs many transactions with consecutive nonces and submits them in one JSON-RPC batch
    /// (pipelining); none waits for another's receipt.
    /// </summary>
    public async Task<IReadOnlyList<PendingTransaction>> SendBatchAsync(IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken = default)
    {
        await EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var gasLimits = new ulong[requests.Count];
        for (var i = 0; i < requests.Count; i++)
            gasLimits[i] = requests[i].GasLimit ?? await EstimateGasAsync(requests[i], cancellationToken).ConfigureAwait(false);
        var fees = await Fees.SuggestAsync(cancellationToken).ConfigureAwait(false);
        var signed = new SignedTransaction[requests.Count];
        var first = await ReserveNoncesAsync(requests.Count, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < requests.Count; i++) signed[i] = Sign(requests[i], first + (ulong)i, gasLimits[i], fees);

        IReadOnlyList<JsonRpcResponse> answers;
        try
        {
            answers = await rpc.SendRawTransactionsAsync(signed.Select(s => s.Raw).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcTransportException)
        {
            for (var i = 0; i < signed.Length; i++)
            {
                if (!await rpc.IsTransactionKnownAsync(signed[i].Hash, cancellationToken).ConfigureAwait(false))
                    signed[i] = await SendOneAsync(signed[i], requests[i], fees, cancellationToken).ConfigureAwait(false);
            }
            return signed.Select((s, i) => new PendingTransaction(s, requests[i])).ToArray();
        }

        var result = new PendingTransaction[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            if (answers[i].Error is { } error && !IsAlreadyKnown(error))
                signed[i] = await RecoverAsync(signed[i], requests[i], fees, error, cancellationToken).ConfigureAwait(false);
            result[i] = new PendingTransaction(signed[i], requests[i]);
        }
        return result;
    }

    /// <summary>Sends and waits for the receipt at the configured confirmation depth.</summary>
    /// <exception cref="TransactionFailedException">Mined with status 0; carries the decoded revert.</exception>
    public async Task<TransactionReceipt> SendAndWaitAsync(TransactionRequest request, CancellationToken cancellationToken = default) =>
        await WaitAsync(await SendAsync(request, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits until the transaction is mined under <paramref name="confirmations"/> blocks
    /// (default from options), re-broadcasting it unchanged if the node dropped it.
    /// </summary>
    /// <exception cref="TransactionFailedException">Mined with status 0.</exception>
    /// <exception cref="TransactionDroppedException">Replaced by another transaction with its nonce, or timed out.</exception>
    public Task<TransactionReceipt> WaitAsync(PendingTransaction transaction, int? confirmations = null, CancellationToken cancellationToken = default) =>
        _receipts.WaitAsync(transaction, confirmations ?? _options.Confirmations, cancellationToken);

    /// <summary>Forgets the local nonce; the next send reads it from the node.</summary>
    public async Task ResetNonceAsync(CancellationToken cancellationToken = default)
    {
        await _nonceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _nextNonce = null;
        _nonceGate.Release();
    }

    private async Task EnsureChainAsync(CancellationToken cancellationToken)
    {
        if (_chainChecked) return;
        var actual = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (actual != chainId) throw new ChainMismatchException(chainId, actual);
        _chainChecked = true;
    }

    private async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var estimate = await rpc.EstimateGasAsync(new CallRequest(request.To, request.Data, Address, request.Value), request.Errors, cancellationToken)
            .ConfigureAwait(false);
        return estimate + estimate * (ulong)_options.GasMarginPercent / 100;
    }

    private async Task<ulong> ReserveNoncesAsync(int count, CancellationToken cancellationToken)
    {
        await _nonceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = _nextNonce ?? await rpc.GetTransactionCountAsync(Address, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
            _nextNonce = next + (ulong)count;
            return next;
        }
        finally
        {
            _nonceGate.Release();
        }
    }

    private SignedTransaction Sign(TransactionRequest request, ulong nonce, ulong gasLimit, FeeSuggestion fees) => new Eip1559Transaction
    {
        ChainIdValue = chainId,
        Nonce = nonce,
        MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
        MaxFeePerGas = fees.MaxFeePerGas,
        GasLimit = gasLimit,
        To = request.To,
        Value = request.Value ?? 0,
        Data = request.Data,
    }.Sign(key);

    private async Task<SignedTransaction> SendOneAsync(SignedTransaction signed, TransactionRequest request, FeeSuggestion fees, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await rpc.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
                return signed;
            }
            catch (JsonRpcException e) when (IsAlreadyKnown(e))
            {
                return signed;
            }
            catch (JsonRpcException e) when (attempt < _options.MaxSendAttempts)
            {
                signed = await RecoverAsync(signed, request, fees, e, cancellationToken).ConfigureAwait(false);
                return signed;
            }
            catch (RpcTransportException) when (attempt < _options.MaxSendAttempts)
            {
                // The node may have received it before the connection failed: only the same bytes may go again.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
                if (await rpc.IsTransactionKnownAsync(signed.Hash, cancellationToken).ConfigureAwait(false)) return signed;
            }
        }
    }

    private async Task<SignedTransaction> RecoverAsync(SignedTransaction signed, TransactionRequest request, FeeSuggestion fees,
        JsonRpcException error, CancellationToken cancellationToken)
    {
        if (!IsNonceProblem(error))
        {
            // The nonce stays unused: resynchronise so later transactions do not wait on a gap.
            await ResetNonceAsync(cancellationToken).ConfigureAwait(false);
            throw error;
        }
        for (var attempt = 1; ; attempt++)
        {
            await ResetNonceAsync(cancellationToken).ConfigureAwait(false);
            var nonce = await ReserveNoncesAsync(1, cancellationToken).ConfigureAwait(false);
            signed = Sign(request, nonce, signed.Transaction.GasLimit, fees);
            try
            {
                await rpc.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
                return signed;
            }
            catch (JsonRpcException e) when (IsNonceProblem(e) && attempt < _options.MaxSendAttempts)
            {
            }
        }
    }

    private static bool IsAlreadyKnown(JsonRpcException e) =>
        e.NodeMessage.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || e.NodeMessage.Contains("already imported", StringComparison.OrdinalIgnoreCase);

    private static bool IsNonceProblem(JsonRpcException e) =>
        e.NodeMessage.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
        || e.NodeMessage.Contains("replacement transaction underpriced", StringComparison.OrdinalIgnoreCase)
        || e.NodeMessage.Contains("nonce has already been used", StringComparison.OrdinalIgnoreCase);
}
