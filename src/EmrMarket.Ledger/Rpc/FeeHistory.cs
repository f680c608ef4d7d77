using System.Numerics;

namespace EmrMarket.Ledger.Rpc;

/// <summary>The answer of <c>eth_feeHistory</c> (EIP-1559 fee market history).</summary>
/// <param name="OldestBlock">The first block of the range.</param>
/// <param name="BaseFeePerGas">Base fees of the range plus the next block's.</param>
/// <param name="GasUsedRatio">Fullness of each block.</param>
/// <param name="Reward">Per block, the priority fees at the requested percentiles.</param>
public sealed record FeeHistory(ulong OldestBlock, IReadOnlyList<BigInteger> BaseFeePerGas, IReadOnlyList<double> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<BigInteger>> Reward);
