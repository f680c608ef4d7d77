using System.Numerics;

namespace EmrMarket.Ledger.Sending;

/// <summary>EIP-1559 fees for the next block.</summary>
/// <param name="MaxFeePerGas">2 × next base fee + tip: stays valid through six full blocks of base-fee growth.</param>
/// <param name="MaxPriorityFeePerGas">The tip.</param>
public sealed record FeeSuggestion(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas);
