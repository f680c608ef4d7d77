using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Transactions;

/// <summary>One entry of an EIP-2930 access list: an address and the storage keys it touches.</summary>
/// <param name="Address">The account.</param>
/// <param name="StorageKeys">Its storage slots.</param>
public sealed record AccessListEntry(EthAddress Address, IReadOnlyList<Hash32> StorageKeys);
