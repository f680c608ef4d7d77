using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>A log entry as a node reports it (execution-apis "Log" object).</summary>
/// <param name="Address">The contract that emitted it.</param>
/// <param name="Topics">Up to four topics; topic 0 is the event signature hash unless anonymous.</param>
/// <param name="Data">The non-indexed arguments, ABI-encoded.</param>
/// <param name="BlockNumber">The block, when mined.</param>
/// <param name="BlockHash">The block hash, when mined.</param>
/// <param name="TransactionHash">The transaction that emitted it.</param>
/// <param name="TransactionIndex">The transaction's index in the block.</param>
/// <param name="LogIndex">The log's index in the block.</param>
/// <param name="Removed">True when a reorganisation removed it.</param>
public sealed record EventLog(
    EthAddress Address,
    IReadOnlyList<Hash32> Topics,
    byte[] Data,
    ulong? BlockNumber = null,
    Hash32? BlockHash = null,
    Hash32? TransactionHash = null,
    ulong? TransactionIndex = null,
    ulong? LogIndex = null,
    bool Removed = false);
