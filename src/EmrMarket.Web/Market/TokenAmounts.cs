using System.Globalization;
using System.Numerics;
using EmrMarket.Core.Market;

namespace EmrMarket.Web.Market;

/// <summary>
/// Prices as people type and read them in the catalog, without asking the chain for the token: offers here are paid
/// in a 6-decimal dollar token (TestDollar locally, a USD stablecoin in production), so 1,500,000 units read "1.5 TUSD".
/// </summary>
public static class TokenAmounts
{
    public static TokenInfo Dollar { get; } = new(default, "TUSD", 6);

    public static string Symbol => Dollar.Symbol;

    public static string Format(BigInteger units) => Dollar.Format(units);

    /// <summary>"12.5" → 12,500,000 units; null for empty, negative, or more than 6 decimals.</summary>
    public static BigInteger? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
            return null;
        var scaled = value * 1_000_000m;
        return scaled == decimal.Truncate(scaled) ? new BigInteger(scaled) : null;
    }

    /// <summary>Units back to the plain text <see cref="Parse"/> reads ("12.5").</summary>
    public static string ToText(BigInteger units) => ((decimal)units / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);
}
