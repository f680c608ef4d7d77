using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Rpc;

/// <summary>A block header with its transaction hashes (execution-apis "Block").</summary>
/// <param name="Number">Block number.</param>
/// <param name="Hash">Block hash.</param>
/// <param name="ParentHash">Parent's hash (for reorganisation checks).</param>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="GasLimit">Block gas limit.</param>
/// <param name="GasUsed">Gas used.</param>
/// <param name="BaseFeePerGas">EIP-1559 base fee, when the chain has one.</param>
/// <param name="TransactionHashes">The transactions in order.</param>
public sealed record Block(ulong Number, Hash32 Hash, Hash32 ParentHash, ulong Timestamp, ulong GasLimit, ulong GasUsed,
    BigInteger? BaseFeePerGas, IReadOnlyList<Hash32> TransactionHashes);
