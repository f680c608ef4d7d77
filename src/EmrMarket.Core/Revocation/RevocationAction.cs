using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Revocation;

/// <summary>One step of a revocation case, as the compliance trail shows it.</summary>
/// <param name="Wallet">The patient whose consent was detected (Detected only).</param>
/// <param name="ConsentEvent">The ConsentChanged event behind a detection (null when the patient has none on record).</param>
/// <param name="OutboxId">The outbox row of a queued or settled transaction.</param>
/// <param name="TransactionHash">The transaction that paused, listed or delisted.</param>
/// <param name="NewDatasetId">The rebuilt dataset.</param>
/// <param name="NewOfferId">The offer listed for it.</param>
/// <param name="Detail">What happened, in words (a failure's reason).</param>
public sealed record RevocationAction(
    long Id,
    ulong OfferId,
    Guid DatasetId,
    RevocationStep Step,
    EthAddress? Wallet,
    ConsentEventRef? ConsentEvent,
    long? OutboxId,
    Hash32? TransactionHash,
    Guid? NewDatasetId,
    ulong? NewOfferId,
    string Detail,
    DateTimeOffset At);

/// <summary>Where a ConsentChanged event is on chain.</summary>
public sealed record ConsentEventRef(ulong BlockNumber, int LogIndex, Hash32 TransactionHash);
