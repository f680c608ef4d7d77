using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>The EIP-712 <c>Consent</c> a patient signs (contracts/README.md, "EIP-712 signatures").</summary>
/// <param name="Expiry">Unix time from which the consent no longer holds; 0 = never.</param>
/// <param name="Nonce">The patient's consent version the signature applies to.</param>
/// <param name="Deadline">Last unix second the signature may be submitted.</param>
public sealed record ConsentMessage(EthAddress Patient, Purpose Purposes, ulong Expiry, ulong Nonce, ulong Deadline);
