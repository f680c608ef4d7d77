using System.Globalization;
using System.Numerics;

namespace EmrMarket.Web.Market;

/// <summary>
/// Prices as people read them: the payment token has 6 decimals (TestDollar locally, a USD stablecoin in
/// production), so 1,500,000 units read "1.50".
/// </summary>
public static class TokenAmounts
{
    public const int Decimals = 6;
    public const string Symbol = "TUSD";

    private static readonly BigInteger Unit = BigInteger.Pow(10, Decimals);

    public static string Format(BigInteger units)
    {
        var whole = BigInteger.DivRem(BigInteger.Abs(units), Unit, out var fraction);
        var cents = (int)(fraction * 100 / Unit);
        return $"{(units < 0 ? "-" : "")}{whole.ToString("N0", CultureInfo.InvariantCulture)}.{cents:00} {Symbol}";
    }

    /// <summary>"12.5" → 12,500,000 units; null for empty, negative, or more than 6 decimals.</summary>
    public static BigInteger? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
            return null;
        var scaled = value * (decimal)Math.Pow(10, Decimals);
        return scaled == decimal.Truncate(scaled) ? new BigInteger(scaled) : null;
    }

    /// <summary>Units back to the plain text <see cref="Parse"/> reads ("12.5").</summary>
    public static string ToText(BigInteger units) =>
        ((decimal)units / (decimal)Math.Pow(10, Decimals)).ToString("0.######", CultureInfo.InvariantCulture);
}
