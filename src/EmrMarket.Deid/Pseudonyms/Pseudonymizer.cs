namespace EmrMarket.Deid.Pseudonyms;

/// <summary>
/// Per-dataset pseudonymous ids: the first 128 bits of HMAC-SHA256 (RFC 2104, FIPS 198-1) over
/// <c>"emrmarket/pseudonym/v1\0" + id</c>, keyed with the dataset's secret, in lowercase hex. The same
/// id always gets the same pseudonym within a dataset; without the key nobody can compute or join
/// them. Feed it the platform's own random patient id, not a medical record number, so the code is
/// not derived from information about the individual (45 CFR 164.514(c)).
/// </summary>
public sealed class Pseudonymizer(DatasetSecret secret)
{
    /// <summary>The pseudonym of an id: 32 lowercase hexadecimal characters.</summary>
    public string Pseudonym(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Convert.ToHexStringLower(secret.Mac("pseudonym", id).AsSpan(0, 16));
    }
}
