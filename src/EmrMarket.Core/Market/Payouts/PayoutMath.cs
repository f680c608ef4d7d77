using System.Numerics;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>The contract's payout arithmetic (contracts/README.md, "Payouts"), so what the app shows is what claim pays.</summary>
public static class PayoutMath
{
    /// <summary><c>pool × weight / totalWeight</c>, rounded down: a correct tree never pays out more than the pool.</summary>
    public static BigInteger Entitlement(BigInteger pool, BigInteger weight, BigInteger totalWeight) =>
        totalWeight.Sign <= 0 || pool.Sign <= 0 || weight.Sign <= 0 ? BigInteger.Zero : pool * weight / totalWeight;
}
