using EmrMarket.Deid.Internal;

namespace EmrMarket.Deid.Pseudonyms;

/// <summary>
/// Per-patient date shifting for longitudinal datasets: every date of one patient moves by the same
/// number of days, between <c>-MaxDays</c> and <c>+MaxDays</c>, so intervals between that patient's
/// events are kept. The offset is drawn from HMAC-SHA256 of the patient id under the dataset's
/// secret, so it is stable within a dataset and unpredictable without the key. Shifted dates are
/// still dates: Safe Harbor keeps only their year.
/// </summary>
public sealed class DateShifter
{
    private readonly DatasetSecret secret;

    /// <summary>Creates a shifter.</summary>
    /// <exception cref="DeidException"><paramref name="maxDays"/> is not between 1 and 3650.</exception>
    public DateShifter(DatasetSecret secret, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (maxDays is < 1 or > 3650) throw new DeidException($"the date shift must be between 1 and 3650 days, not {maxDays}");
        this.secret = secret;
        MaxDays = maxDays;
    }

    /// <summary>The largest shift, in days, either way.</summary>
    public int MaxDays { get; }

    /// <summary>The shift of one patient, in days.</summary>
    public int OffsetDays(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        var draw = BitConverter.ToUInt64(secret.Mac("date-shift", patientId), 0);
        return (int)(draw % (ulong)(2 * MaxDays + 1)) - MaxDays;
    }

    /// <summary>A patient's date, shifted.</summary>
    public DateOnly Shift(string patientId, DateOnly date) => date.AddDays(OffsetDays(patientId));

    /// <summary>A patient's ISO date (or date-time, whose time is kept), shifted.</summary>
    /// <exception cref="DeidException">Not an ISO date.</exception>
    public string Shift(string patientId, string isoDate, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(isoDate);
        if (!DateText.TryParse(isoDate, out var date))
            throw new DeidException($"column '{column}': '{isoDate}' is not an ISO date (yyyy-MM-dd)", column, isoDate);
        return DateText.Format(Shift(patientId, date)) + isoDate[10..];
    }
}
