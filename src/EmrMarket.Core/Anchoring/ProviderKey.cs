using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

/// <summary>A provider's anchoring key, sealed under the master key like a custodial wallet's.</summary>
public sealed record ProviderKey(Guid ProviderId, EthAddress Address, byte[] SealedKey);
