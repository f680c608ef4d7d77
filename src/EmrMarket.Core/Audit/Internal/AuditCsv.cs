using System.Globalization;
using System.Text;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets.Packaging;

namespace EmrMarket.Core.Audit.Internal;

/// <summary>CSV as the audit exports write it: the package's RFC 4180 rows, UTF-8, "\n" line ends; text a person typed is defused for spreadsheets.</summary>
internal static class AuditCsv
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static readonly string[] TrailColumns =
    [
        "patient", "version", "block", "block_time", "tx_hash", "log_index", "submitter", "purposes", "purposes_mask", "granted", "revoked",
        "expiry", "previous_purposes", "previous_expiry", "superseded_at",
    ];

    public static async Task WriteTrailAsync(IEnumerable<ConsentTrailEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = Writer(output);
        await WriteAsync(writer, TrailColumns, entries.Select(TrailRow), cancellationToken);
    }

    public static string?[] TrailRow(ConsentTrailEntry e) =>
    [
        PatientKey.Of(e.Patient), Number(e.Version), Number(e.At.BlockNumber), Time(e.At.BlockTime), e.At.TransactionHash.ToString(),
        Number((ulong)e.At.LogIndex), e.Submitter.ToString(), Names(e.Purposes), Number((ulong)e.Purposes), Names(e.Granted), Names(e.Revoked),
        UnixTime(e.Expiry), Names(e.PreviousPurposes), UnixTime(e.PreviousExpiry), e.SupersededAt is { } s ? Time(s) : null,
    ];

    public static StreamWriter Writer(Stream output) => new(output, Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };

    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Csv.FormatRow(columns.ToArray()));
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Csv.FormatRow(row));
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Purposes by their contract names, space-separated ("" for none).</summary>
    public static string Names(Purpose purposes) => string.Join(' ', Purposes.In(purposes).Select(p => p.SolidityName));

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? UnixTime(ulong seconds) => seconds == 0 ? null : Time(DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253402300799)));

    /// <summary>Free text (a title, a reason): a leading = + - @ or tab would make a spreadsheet run it as a formula, so it gets a quote mark.</summary>
    public static string? Text(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
