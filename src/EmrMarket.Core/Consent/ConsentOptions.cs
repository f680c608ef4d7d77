using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Core.Consent;

/// <summary>How consents are signed and relayed. Bound from the "Consent" section.</summary>
public sealed class ConsentOptions
{
    public const string Section = "Consent";

    /// <summary>Signed consents per setConsentsBySig transaction (about 45,000 gas each).</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the relayer collects consents before sending a batch that is not full.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a custodial signature stays valid (its EIP-712 deadline).</summary>
    public TimeSpan SignatureLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest deadline accepted from a wallet's signature.</summary>
    public TimeSpan MaxWalletSignatureLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gas per consent in a batch, and for the batch itself (the limit is fixed, not estimated: earlier batches still in flight change it).</summary>
    public ulong GasPerConsent { get; set; } = 45_000;

    public ulong GasPerBatch { get; set; } = 60_000;
}
