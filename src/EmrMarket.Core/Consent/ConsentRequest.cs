using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>A patient's signed consent change on its way to the chain.</summary>
/// <param name="BatchIndex">Its place in the batch transaction (what ConsentSkipped reports).</param>
/// <param name="RejectDetail">Why it was rejected when the contract did not say (the batch's revert, a passed deadline).</param>
public sealed record ConsentRequest(
    long Id,
    Guid AccountId,
    ConsentMessage Message,
    byte[] Signature,
    ConsentSource Source,
    ConsentRequestStatus Status,
    long? OutboxId,
    int? BatchIndex,
    ConsentRejection? RejectReason,
    string? RejectDetail,
    ulong? BlockNumber,
    Hash32? TransactionHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsOpen => Status is ConsentRequestStatus.Pending or ConsentRequestStatus.Submitted;

    /// <summary>Why it was not applied, in words for the patient.</summary>
    public string? RejectionText => Status != ConsentRequestStatus.Rejected ? null : RejectReason switch
    {
        ConsentRejection.DeadlinePassed => "the signature expired before it reached the chain; please confirm again",
        ConsentRejection.WrongNonce => "a newer change of your consent reached the chain first; please confirm again",
        ConsentRejection.BadSignature => "the signature did not match your wallet",
        ConsentRejection.UnknownPurposes => "it named purposes the registry does not know",
        ConsentRejection.ExpiryPassed => "its expiry date had already passed",
        _ => RejectDetail ?? "the transaction failed",
    };
}
