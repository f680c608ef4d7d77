namespace EmrMarket.Core.Consent;

public enum ConsentRequestStatus
{
    /// <summary>Signed, waiting for the relayer's next batch.</summary>
    Pending,

    /// <summary>In a setConsentsBySig transaction of the outbox.</summary>
    Submitted,

    /// <summary>Applied on chain (ConsentChanged indexed).</summary>
    Confirmed,

    /// <summary>Not applied: skipped by the contract, its batch transaction failed, or its deadline passed first.</summary>
    Rejected,
}
