using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>What <see cref="IConsentRequestStore.InsertAsync"/> stores; the nonce is assigned (or, for a wallet's signature, checked) there.</summary>
/// <param name="SignedNonce">The nonce an external wallet already signed; null lets the store assign the next one.</param>
public sealed record NewConsentRequest(Guid AccountId, EthAddress Patient, Purpose Purposes, ulong Expiry, ulong Deadline, ConsentSource Source,
    ulong? SignedNonce = null);
