using System.Text.Json.Nodes;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>Everything a package says about itself besides its tables (which the writer hashes).</summary>
public sealed record PackageContent(
    Guid DatasetId,
    string Title,
    string Description,
    ulong Purposes,
    ulong ConsentBlock,
    DateTimeOffset BuiltAt,
    int PatientCount,
    JsonNode Cohort,
    JsonNode Policy,
    JsonNode Privacy,
    Hash32 PayoutRoot,
    System.Numerics.BigInteger TotalWeight);
