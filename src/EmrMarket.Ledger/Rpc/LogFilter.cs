using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Rpc;

/// <summary>The filter of <c>eth_getLogs</c>.</summary>
/// <param name="FromBlock">First block (inclusive).</param>
/// <param name="ToBlock">Last block (inclusive).</param>
/// <param name="Addresses">Emitting contracts; empty for any.</param>
/// <param name="Topics">Per topic position, the accepted values (null for any).</param>
public sealed record LogFilter(BlockTag FromBlock, BlockTag ToBlock, IReadOnlyList<EthAddress>? Addresses = null,
    IReadOnlyList<IReadOnlyList<Hash32>?>? Topics = null);
