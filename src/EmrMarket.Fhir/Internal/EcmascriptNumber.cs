using System.Globalization;

namespace EmrMarket.Fhir.Internal;

/// <summary>
/// Number serialisation of ECMAScript (ECMA-262 §6.1.6.1.20 Number::toString), as RFC 8785 §3.2.2.3 requires:
/// the shortest digits that round-trip, in fixed notation for exponents from -6 to 20, otherwise exponential.
/// </summary>
internal static class EcmascriptNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinities have no JSON form");
        if (value == 0) return "0";

        // .NET's "R" gives the shortest round-trip digits (as ECMAScript does); only the layout differs.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        var body = negative ? shortest.AsSpan(1) : shortest.AsSpan();
        var exponentAt = body.IndexOf('E');
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa.ToString() : string.Concat(mantissa[..dot], mantissa[(dot + 1)..]);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;

        var k = digits.Length;
        var n = point;
        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (0 < n && n <= 21) text = string.Concat(digits.AsSpan(0, n), ".", digits.AsSpan(n));
        else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            var e = n - 1;
            var sign = e < 0 ? "-" : "+";
            var head = k == 1 ? digits : string.Concat(digits.AsSpan(0, 1), ".", digits.AsSpan(1));
            text = $"{head}e{sign}{Math.Abs(e).ToString(CultureInfo.InvariantCulture)}";
        }
        return negative ? "-" + text : text;
    }
}
