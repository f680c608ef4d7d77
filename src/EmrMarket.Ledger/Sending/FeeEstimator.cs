using System.Numerics;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Ledger.Sending;

/// <summary>
/// Suggests EIP-1559 fees from <c>eth_feeHistory</c>: the next block's base fee (the last entry of
/// baseFeePerGas) and the median of recent tips at the configured percentile; reused for a short while.
/// </summary>
public sealed class FeeEstimator(EthRpc rpc, TransactionSenderOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FeeSuggestion? _cached;
    private long _cachedAt;

    /// <summary>The current suggestion.</summary>
    public async Task<FeeSuggestion> SuggestAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } fresh && _time.GetElapsedTime(_cachedAt) < options.FeeCacheTime) return fresh;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && _time.GetElapsedTime(_cachedAt) < options.FeeCacheTime) return again;
            var history = await rpc.FeeHistoryAsync(options.FeeHistoryBlocks, BlockTag.Latest, [options.RewardPercentile], cancellationToken)
                .ConfigureAwait(false);
            var baseFee = history.BaseFeePerGas.Count > 0 ? history.BaseFeePerGas[^1] : await rpc.GasPriceAsync(cancellationToken).ConfigureAwait(false);
            var tips = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToArray();
            var tip = tips.Length > 0 ? tips[tips.Length / 2] : await rpc.MaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
            if (tip.IsZero) tip = BigInteger.One;
            _cached = new FeeSuggestion(baseFee * 2 + tip, tip);
            _cachedAt = _time.GetTimestamp();
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }
}
