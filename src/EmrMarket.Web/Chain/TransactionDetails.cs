using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Web.Chain;

/// <summary>A mined transaction as the transaction page shows it: its receipt, and its events decoded where they are ours.</summary>
/// <param name="ToName">The contract's name when it is one of ours.</param>
public sealed record TransactionDetails(
    Hash32 Hash,
    ulong BlockNumber,
    DateTimeOffset BlockTime,
    EthAddress From,
    EthAddress? To,
    string? ToName,
    bool Succeeded,
    ulong GasUsed,
    IReadOnlyList<TransactionEvent> Events);

/// <summary>One log: the contract and event names with their arguments as text, or "unknown event" for others' logs.</summary>
public sealed record TransactionEvent(EthAddress Contract, string? ContractName, string Name, IReadOnlyList<KeyValuePair<string, string>> Arguments);
