using System.Globalization;
using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market;

/// <summary>The ERC-20 an offer is paid in: amounts are in its smallest unit (TestDollar: 6 decimals, like USDC).</summary>
public sealed record TokenInfo(EthAddress Address, string Symbol, int Decimals)
{
    /// <summary>"12.5 TUSD" for 12,500,000 units of a 6-decimal token.</summary>
    public string Format(BigInteger amount)
    {
        var scale = BigInteger.Pow(10, Decimals);
        var whole = BigInteger.DivRem(BigInteger.Abs(amount), scale, out var fraction);
        var digits = Decimals == 0 ? "" : "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
        return $"{(amount.Sign < 0 ? "-" : "")}{whole.ToString("N0", CultureInfo.InvariantCulture)}{(digits == "." ? "" : digits)} {Symbol}";
    }

    /// <summary>Whole tokens to units: 25 → 25,000,000 for 6 decimals.</summary>
    public BigInteger Units(decimal amount) =>
        new(decimal.Round(amount * (decimal)Math.Pow(10, Decimals), 0, MidpointRounding.ToZero));
}
