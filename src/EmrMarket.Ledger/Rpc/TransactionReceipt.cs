using System.Numerics;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Rpc;

/// <summary>A mined transaction's receipt (execution-apis "ReceiptInfo").</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">The block it is in.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipient, or null for a creation.</param>
/// <param name="ContractAddress">The created contract, if any.</param>
/// <param name="Succeeded">Status 1 (true) or 0 (reverted).</param>
/// <param name="GasUsed">Gas used by this transaction.</param>
/// <param name="EffectiveGasPrice">Wei paid per gas.</param>
/// <param name="Logs">The logs it emitted.</param>
public sealed record TransactionReceipt(
    Hash32 TransactionHash,
    ulong BlockNumber,
    Hash32 BlockHash,
    EthAddress From,
    EthAddress? To,
    EthAddress? ContractAddress,
    bool Succeeded,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    IReadOnlyList<EventLog> Logs);
