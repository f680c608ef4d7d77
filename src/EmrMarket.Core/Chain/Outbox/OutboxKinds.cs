namespace EmrMarket.Core.Chain.Outbox;

/// <summary>The kinds of outbox rows the chain module writes; other modules add their own strings.</summary>
public static class OutboxKinds
{
    public const string ConsentBatch = "consent-batch";
    public const string Anchor = "anchor";
    public const string GrantProvider = "grant-provider";
    public const string FundGas = "fund-gas";
    public const string NonceFiller = "nonce-filler";
}
