using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Core.Chain.Internal;

/// <summary>
/// One sender's transactions in flight: broadcasts them (the identical bytes, as often as needed), and settles
/// them from receipts under the confirmation depth. Nonces of transactions that can never be mined are handed
/// back through <see cref="FreeNonces"/>.
/// </summary>
internal sealed class FlightTracker(IOutboxSession session, EthRpc rpc, IReadOnlyList<AbiError> errors, int confirmations,
    OutboxOptions options, TimeProvider time, ILogger logger)
{
    private readonly List<Flight> _flights = [];

    public int Count => _flights.Count;

    public SortedSet<ulong> FreeNonces { get; } = [];

    /// <summary>Set when a nonce turned out to be used by another transaction: the next nonce must be read again.</summary>
    public bool NonceStale { get; set; }

    public IEnumerable<Flight> Flights => _flights;

    public async Task AddAsync(IReadOnlyList<Flight> flights, CancellationToken cancellationToken)
    {
        _flights.AddRange(flights);
        await BroadcastAsync(flights, cancellationToken);
    }

    /// <summary>Sends the raw bytes; a refusal is classified, never answered by signing anything new here.</summary>
    public async Task BroadcastAsync(IReadOnlyList<Flight> flights, CancellationToken cancellationToken)
    {
        if (flights.Count == 0) return;
        var answers = await rpc.SendRawTransactionsAsync(flights.Select(f => f.Signed.Raw).ToArray(), cancellationToken);
        for (var i = 0; i < flights.Count; i++)
        {
            var flight = flights[i];
            flight.LastBroadcast = time.GetTimestamp();
            if (answers[i].Error is not { } error) continue;
            switch (NodeRejections.Classify(error))
            {
                case NodeRejection.Known:
                    break;
                case NodeRejection.NonceTooLow:
                    await NonceUsedAsync(flight, cancellationToken);
                    break;
                case NodeRejection.Transient:
                    logger.LogWarning("Outbox {Id}: the node refused {Hash} for now: {Error}", flight.Row.Id, flight.Signed.Hash, error.NodeMessage);
                    await session.RecordErrorAsync(flight.Row.Id, $"the node refused it for now: {error.NodeMessage}", cancellationToken);
                    break;
                default:
                    logger.LogError("Outbox {Id}: the node rejected {Hash}: {Error}", flight.Row.Id, flight.Signed.Hash, error.NodeMessage);
                    await session.MarkFailedAsync(flight.Row.Id, $"rejected by the node: {error.NodeMessage}", null, releaseNonce: true, cancellationToken);
                    FreeNonces.Add(flight.Nonce);
                    _flights.Remove(flight);
                    break;
            }
        }
    }

    /// <summary>Confirms or fails what is mined deep enough; re-broadcasts what the node seems to have lost.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (_flights.Count == 0) return;
        var latest = await rpc.BlockNumberAsync(cancellationToken);
        var receipts = await Task.WhenAll(_flights.Select(f => rpc.GetTransactionReceiptAsync(f.Signed.Hash, cancellationToken)));
        var lost = new List<Flight>();
        foreach (var (flight, receipt) in _flights.Zip(receipts).ToList())
        {
            if (receipt is null)
            {
                if (time.GetElapsedTime(flight.LastBroadcast) > options.RebroadcastAfter) lost.Add(flight);
                continue;
            }
            if (latest + 1 < receipt.BlockNumber + (ulong)Math.Max(confirmations, 1)) continue;
            if (receipt.Succeeded)
            {
                await session.MarkConfirmedAsync(flight.Row.Id, receipt.BlockNumber, receipt.BlockHash, receipt.GasUsed, cancellationToken);
            }
            else
            {
                var reason = await RevertExplainer.ExplainAsync(rpc, flight.Row, flight.Signed.Transaction.GasLimit, receipt, errors, cancellationToken);
                logger.LogWarning("Outbox {Id}: {Hash} reverted: {Reason}", flight.Row.Id, flight.Signed.Hash, reason.Message);
                await session.MarkFailedAsync(flight.Row.Id, $"reverted in block {receipt.BlockNumber}", reason, releaseNonce: false, cancellationToken);
            }
            _flights.Remove(flight);
        }
        await BroadcastAsync(lost, cancellationToken);
    }

    private async Task NonceUsedAsync(Flight flight, CancellationToken cancellationToken)
    {
        if (await rpc.GetTransactionReceiptAsync(flight.Signed.Hash, cancellationToken) is not null) return;
        if (await rpc.IsTransactionKnownAsync(flight.Signed.Hash, cancellationToken)) return;
        // Another transaction took this nonce, so this one can never be mined: signing the row again is safe.
        logger.LogWarning("Outbox {Id}: nonce {Nonce} was used by another transaction of {Sender}; queued again", flight.Row.Id, flight.Nonce, flight.Row.Sender);
        await session.RequeueAsync(flight.Row.Id, $"nonce {flight.Nonce} was used by another transaction from this key", cancellationToken);
        _flights.Remove(flight);
        NonceStale = true;
    }
}
