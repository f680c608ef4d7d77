using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>ConsentRegistry.ConsentSkipped: entry <see cref="Index"/> of a batch was not applied, for <see cref="Reason"/> (contracts/README.md).</summary>
public sealed record ConsentSkipped(LogPosition At, EthAddress Patient, ulong Index, ulong Nonce, byte Reason);
