using System.Globalization;
using System.Numerics;

namespace EmrMarket.Web.Components.Shared;

/// <summary>Wei as ether for reading, to the gwei ("0.00036"): what a transaction's gas may cost at most.</summary>
public static class Ether
{
    public static string Of(BigInteger wei) =>
        ((decimal)(wei / 1_000_000_000) / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);
}
