namespace EmrMarket.Core.Consent;

/// <summary>
/// Which consent changes the compliance trail lists, newest first, one page at a time (every filter optional).
/// </summary>
/// <param name="Patient">A patient's address, or the start of one (at least "0x" and 4 hex digits).</param>
/// <param name="Purpose">Only changes that granted or took away one of these purposes (or kept one granted with a new expiry).</param>
/// <param name="From">Block time from (inclusive).</param>
/// <param name="To">Block time to (exclusive).</param>
/// <param name="Before">Continue after this entry (the previous page's <see cref="ConsentTrailPage.Next"/>).</param>
public sealed record ConsentTrailFilter(
    string? Patient = null,
    Purpose? Purpose = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    ConsentChangeKind Change = ConsentChangeKind.Any,
    TrailPosition? Before = null,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;

    /// <summary>The patient filter as a whole lower-case address or the start of one.</summary>
    /// <exception cref="ConsentException">It is neither.</exception>
    public (string? Exact, string? Prefix) PatientMatch()
    {
        var text = Patient?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        if (Ledger.Primitives.EthAddress.TryParse(text, out var address)) return (address.ToLowerHex(), null);
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : "";
        if (hex.Length is < 4 or > 39 || !hex.All(char.IsAsciiHexDigit))
            throw new ConsentException($"'{text}' is not a patient address: give the whole address or its start, like 0x1f3a");
        return (null, "0x" + hex.ToLowerInvariant());
    }
}

/// <summary>A change that added a purpose (a grant), removed one (a revocation), or either.</summary>
public enum ConsentChangeKind
{
    Any,
    Grant,
    Revoke,
}

/// <summary>A place in the trail: a ConsentChanged log.</summary>
public readonly record struct TrailPosition(ulong Block, int LogIndex);
