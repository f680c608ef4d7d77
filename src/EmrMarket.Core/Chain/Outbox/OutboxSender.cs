using System.Numerics;
using EmrMarket.Core.Chain.Internal;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.KeyStore;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;
using EmrMarket.Ledger.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>
/// Sends one address's rows while holding its lock: signs queued rows with consecutive nonces, persists each
/// signed transaction (nonce, raw bytes, hash) before broadcasting it, re-broadcasts the identical bytes after a
/// restart, and settles rows from receipts. Custodial senders get their gas from the relayer first.
/// </summary>
public sealed class OutboxSender(
    EthRpc rpc,
    IChainDeployment deployment,
    ISignerKeys keys,
    IOutbox outbox,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<ChainOptions> chain,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>Works until the sender has been idle for <see cref="OutboxOptions.SenderIdleTimeout"/> or is cancelled.</summary>
    public async Task RunAsync(IOutboxSession session, CancellationToken cancellationToken)
    {
        var contracts = await deployment.GetAsync(cancellationToken);
        var flights = new FlightTracker(session, rpc, contracts.Errors, chain.Value.Confirmations, _options, time, logger);
        var fees = new FeeEstimator(rpc, new TransactionSenderOptions());
        var signing = new SigningState(session.Sender);
        var resumed = false;
        var idleSince = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!resumed)
                {
                    await ResumeAsync(session, flights, contracts.ChainId, cancellationToken);
                    resumed = true;
                }
                await flights.SettleAsync(cancellationToken);
                if (flights.NonceStale) (signing.Next, flights.NonceStale) = (null, false);
                var signed = flights.Count < _options.MaxInFlight
                    ? await SignReadyAsync(session, flights, signing, fees, contracts, cancellationToken)
                    : 0;
                if (signed > 0 || flights.Count > 0) idleSince = time.GetTimestamp();
                else if (time.GetElapsedTime(idleSince) > _options.SenderIdleTimeout) return;
                await FillGapsAsync(flights, signing, cancellationToken);
            }
            catch (Exception e) when (e is RpcTransportException or JsonRpcException)
            {
                logger.LogWarning("Outbox sender {Sender}: the node failed ({Error}); retrying", session.Sender, e.Message);
                await Task.Delay(_options.ErrorBackoff, time, cancellationToken);
                continue;
            }
            await signal.WaitAsync(flights.Count > 0 ? _options.PollInterval : _options.IdlePollInterval, cancellationToken);
        }
    }

    /// <summary>After a restart: broadcast every persisted transaction again, and find nonces left unused.</summary>
    private async Task ResumeAsync(IOutboxSession session, FlightTracker flights, ulong chainId, CancellationToken cancellationToken)
    {
        var sent = await session.SentAsync(cancellationToken);
        await flights.AddAsync(sent.Select(r => new Flight(r, SignedTransaction.Decode(r.RawTransaction!, chainId))).ToList(), cancellationToken);
        var pending = await rpc.GetTransactionCountAsync(session.Sender, BlockTag.Pending, cancellationToken);
        var max = await session.MaxNonceAsync(cancellationToken);
        var held = flights.Flights.Select(f => f.Nonce).ToHashSet();
        for (var nonce = pending; max is { } top && nonce < top; nonce++)
        {
            if (!held.Contains(nonce)) flights.FreeNonces.Add(nonce);
        }
        if (sent.Count > 0) logger.LogInformation("Outbox sender {Sender}: resumed {Count} sent transactions", session.Sender, sent.Count);
    }

    private async Task<int> SignReadyAsync(IOutboxSession session, FlightTracker flights, SigningState signing, FeeEstimator fees,
        ChainContracts contracts, CancellationToken cancellationToken)
    {
        var ready = await session.ReadyAsync(_options.MaxInFlight - flights.Count, cancellationToken);
        if (ready.Count == 0) return 0;
        var fee = await fees.SuggestAsync(cancellationToken);
        if (signing.Next is null)
        {
            var pending = await rpc.GetTransactionCountAsync(session.Sender, BlockTag.Pending, cancellationToken);
            var stored = await session.MaxNonceAsync(cancellationToken);
            signing.Next = stored is { } max ? Math.Max(pending, max + 1) : pending;
        }

        // Nonces are handed out only once every row of the batch is checked: a node failure half-way through
        // (e.g. during a gas estimate) must not use up nonces of a batch that is never persisted nor sent,
        // or every later transaction waits behind the gap for good.
        var checkedRows = new List<(OutboxEntry Row, PrivateKey Key, ulong Gas)>();
        var committedCost = flights.Flights.Aggregate(BigInteger.Zero, (sum, f) => sum + f.Signed.MaxCost);
        foreach (var row in ready)
        {
            PrivateKey key;
            ulong gas;
            try
            {
                key = await signing.KeyAsync(keys, row.Signer, cancellationToken);
                gas = row.GasLimit ?? await EstimateAsync(row, contracts, cancellationToken);
            }
            catch (ContractRevertException e)
            {
                // Earlier writes still in flight may be what this one needs: decide once they are settled.
                if (flights.Count > 0 || checkedRows.Count > 0) break;
                logger.LogWarning("Outbox {Id} ({Kind}) would revert: {Reason}", row.Id, row.Kind, e.Reason.Message);
                await session.MarkFailedAsync(row.Id, "reverted in gas estimation, not sent", e.Reason, releaseNonce: false, cancellationToken);
                continue;
            }
            catch (JsonRpcException e) when (!row.Signer.IsPlatformKey && e.NodeMessage.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase))
            {
                await TopUpAsync(session, row, BigInteger.Zero, cancellationToken);
                break;
            }
            catch (Exception e) when (e is OutboxException or KeyVaultException)
            {
                await session.MarkFailedAsync(row.Id, e.Message, null, releaseNonce: false, cancellationToken);
                continue;
            }
            if (!row.Signer.IsPlatformKey)
            {
                var need = committedCost + gas * fee.MaxFeePerGas + row.Value;
                var balance = await rpc.GetBalanceAsync(session.Sender, BlockTag.Latest, cancellationToken);
                if (balance < need)
                {
                    await TopUpAsync(session, row, need - balance, cancellationToken);
                    break;
                }
            }
            committedCost += gas * fee.MaxFeePerGas + row.Value;
            checkedRows.Add((row, key, gas));
        }
        if (checkedRows.Count == 0) return 0;
        var batch = checkedRows.Select(c => new Flight(c.Row, new Eip1559Transaction
        {
            ChainIdValue = contracts.ChainId,
            Nonce = signing.TakeNonce(flights.FreeNonces),
            MaxPriorityFeePerGas = fee.MaxPriorityFeePerGas,
            MaxFeePerGas = fee.MaxFeePerGas,
            GasLimit = c.Gas,
            To = c.Row.To,
            Value = c.Row.Value,
            Data = c.Row.Data,
        }.Sign(c.Key))).ToList();
        await session.MarkSentAsync(batch.Select(f => new SignedOutboxRow(f.Row.Id, f.Signed)).ToList(), cancellationToken);
        await flights.AddAsync(batch, cancellationToken);
        return batch.Count;
    }

    private async Task<ulong> EstimateAsync(OutboxEntry row, ChainContracts contracts, CancellationToken cancellationToken)
    {
        var estimate = await rpc.EstimateGasAsync(new CallRequest(row.To, row.Data, row.Sender, row.Value), contracts.Errors, cancellationToken);
        return estimate + estimate * (ulong)_options.GasMarginPercent / 100;
    }

    private async Task TopUpAsync(IOutboxSession session, OutboxEntry row, BigInteger shortfall, CancellationToken cancellationToken)
    {
        var key = $"{OutboxKinds.FundGas}:{row.Id}:{row.AfterId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "first"}";
        var fund = await outbox.EnqueueAsync(new OutboxRequest(key, OutboxKinds.FundGas, OutboxSigner.Relayer, session.Sender, [],
            shortfall + _options.GasTopUpWei), cancellationToken);
        await session.SetAfterAsync(row.Id, fund, cancellationToken);
        logger.LogInformation("Outbox {Id}: {Sender} needs gas; the relayer tops it up (outbox {Fund})", row.Id, session.Sender, fund);
    }

    /// <summary>A nonce given back (its transaction was refused for good) blocks every later one: fill it with a no-op.</summary>
    private async Task FillGapsAsync(FlightTracker flights, SigningState signing, CancellationToken cancellationToken)
    {
        if (flights.FreeNonces.Count == 0 || signing.LastSigner is not { } signer) return;
        var gap = flights.FreeNonces.Min;
        if (!flights.Flights.Any(f => f.Nonce > gap)) return;
        await outbox.EnqueueAsync(new OutboxRequest($"{OutboxKinds.NonceFiller}:{signing.Sender.ToLowerHex()}:{gap}", OutboxKinds.NonceFiller,
            signer, signing.Sender, [], GasLimit: 21_000), cancellationToken);
    }

    /// <summary>Nonces and keys of one session.</summary>
    private sealed class SigningState(Ledger.Primitives.EthAddress sender)
    {
        private readonly Dictionary<OutboxSigner, PrivateKey> _keys = [];

        public Ledger.Primitives.EthAddress Sender { get; } = sender;

        public ulong? Next { get; set; }

        public OutboxSigner? LastSigner { get; private set; }

        public async Task<PrivateKey> KeyAsync(ISignerKeys keys, OutboxSigner signer, CancellationToken cancellationToken)
        {
            if (!_keys.TryGetValue(signer, out var key))
            {
                key = await keys.OpenAsync(signer, cancellationToken);
                if (key.Address != Sender) throw new OutboxException($"{signer}'s key is {key.Address}, not the row's sender {Sender}");
                _keys[signer] = key;
            }
            LastSigner = signer;
            return key;
        }

        public ulong TakeNonce(SortedSet<ulong> free)
        {
            if (free.Count > 0)
            {
                var nonce = free.Min;
                free.Remove(nonce);
                return nonce;
            }
            var next = Next!.Value;
            Next = next + 1;
            return next;
        }
    }
}
