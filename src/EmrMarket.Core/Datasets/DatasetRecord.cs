using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets;

/// <summary>A built dataset as stored: its commitments, its package and where it stands.</summary>
/// <param name="ObservationCodes">The LOINC codes the request asked for (with the cohort, policy, purposes and title: what a rebuild needs).</param>
public sealed record DatasetRecord(
    Guid Id,
    string Title,
    string Description,
    ulong Purposes,
    JsonNode Cohort,
    JsonNode Policy,
    JsonNode Privacy,
    ulong ConsentBlock,
    string Status,
    int PatientCount,
    long RowCount,
    Hash32 ManifestHash,
    Hash32 RowsRoot,
    Hash32 PayoutRoot,
    BigInteger TotalWeight,
    string PackagePath,
    long PackageBytes,
    Guid? ReplacesDatasetId,
    ulong? OfferId,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? ObservationCodes = null);
