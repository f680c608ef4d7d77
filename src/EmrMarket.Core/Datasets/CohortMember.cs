using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets;

/// <summary>A patient record in a cohort, with the wallet their consent and payouts live under (if they opted in).</summary>
public sealed record CohortMember(Guid PatientId, int? BirthYear, string? Sex, EthAddress? Wallet);
