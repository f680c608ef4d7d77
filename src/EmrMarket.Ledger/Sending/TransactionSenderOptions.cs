namespace EmrMarket.Ledger.Sending;

/// <summary>How <see cref="TransactionSender"/> prices, waits and retries.</summary>
public sealed record TransactionSenderOptions
{
    /// <summary>Blocks that must be on top of a receipt's block (1 = mined).</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How often receipts are polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait for a receipt before giving up.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Head-room on estimated gas, in percent (20 means estimate × 1.2).</summary>
    public int GasMarginPercent { get; init; } = 20;

    /// <summary>Blocks of <c>eth_feeHistory</c> the fee suggestion looks at.</summary>
    public int FeeHistoryBlocks { get; init; } = 5;

    /// <summary>The tip percentile taken from the recent blocks.</summary>
    public double RewardPercentile { get; init; } = 50;

    /// <summary>How long a fee suggestion is reused before asking the node again.</summary>
    public TimeSpan FeeCacheTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts after "nonce too low" (another user of the key) or a transport failure.</summary>
    public int MaxSendAttempts { get; init; } = 4;
}
