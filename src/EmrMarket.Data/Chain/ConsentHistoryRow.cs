using System.Globalization;
using EmrMarket.Core.Consent;

namespace EmrMarket.Data.Chain;

/// <summary>A row of chain_consents or chain_consent_history as the consent queries select it.</summary>
internal sealed class ConsentHistoryRow
{
    public const string Columns = $"""
        patient, purposes, expiry::text as Expiry, version, updated_at::text as UpdatedAt, submitter, {ReadModelRows.PositionColumns}
        """;

    public string Patient { get; init; } = "";
    public long Purposes { get; init; }
    public string Expiry { get; init; } = "0";
    public long Version { get; init; }
    public string UpdatedAt { get; init; } = "0";
    public string Submitter { get; init; } = "";
    public long BlockNumber { get; init; }
    public int LogIndex { get; init; }
    public DateTime BlockTime { get; init; }
    public byte[] TxHash { get; init; } = [];

    /// <summary>The patient's purposes before this change (only the trail selects it).</summary>
    public long Previous { get; init; }

    public ConsentState ToState() => new(ReadModelRows.Address(Patient), (Purpose)Purposes, ulong.Parse(Expiry, CultureInfo.InvariantCulture),
        (ulong)Version, ulong.Parse(UpdatedAt, CultureInfo.InvariantCulture), ReadModelRows.Address(Submitter),
        ReadModelRows.Position(BlockNumber, LogIndex, BlockTime, TxHash));
}
