using System.Numerics;

namespace EmrMarket.Core.Market;

/// <summary>What a transaction would cost in gas now: eth_estimateGas and the fee cap the senders use (2 × base fee + tip).</summary>
/// <param name="PaidByPlatform">True when the platform's relayer pays it (custodial wallets get their gas topped up; claims are relayed).</param>
public sealed record GasEstimate(ulong Units, BigInteger MaxFeePerGas, bool PaidByPlatform)
{
    /// <summary>The most it can cost, in wei.</summary>
    public BigInteger MaxCostWei => Units * MaxFeePerGas;
}
