namespace EmrMarket.Core.Consent;

/// <summary>Why a consent request was not applied: ConsentRegistry's Rejection, or <see cref="None"/> for a failure off the contract.</summary>
public enum ConsentRejection : byte
{
    /// <summary>Not the contract's decision: the batch transaction failed (see the detail).</summary>
    None = 0,
    DeadlinePassed = 1,
    WrongNonce = 2,
    BadSignature = 3,
    UnknownPurposes = 4,
    ExpiryPassed = 5,
}
