using System.Text.Json;
using System.Text.Json.Serialization;
using EmrMarket.Deid.Identifiers;

namespace EmrMarket.Deid.Reports;

/// <summary>
/// The risk and utility report of one run, for the dataset's manifest and the compliance views:
/// the policy, the chosen transformation, suppression, information loss, re-identification risk
/// before and after, the class-size histogram and per-column distributions. It holds no timing, so
/// the same input and policy always give the same report.
/// </summary>
public sealed record DeidReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>How the run ended.</summary>
    public required AnonymizationStatus Status { get; init; }

    /// <summary>One sentence saying what happened, for people.</summary>
    public required string Summary { get; init; }

    /// <summary>The policy applied.</summary>
    public required PolicySummary Policy { get; init; }

    /// <summary>Rows in the input.</summary>
    public required int InputRows { get; init; }

    /// <summary>Rows in the output (0 when there is none).</summary>
    public required int OutputRows { get; init; }

    /// <summary>Records removed because their class was too small or not diverse enough.</summary>
    public required long SuppressedRecords { get; init; }

    /// <summary>Nodes in the generalization lattice.</summary>
    public required long LatticeSize { get; init; }

    /// <summary>The chosen level of each quasi-identifier, or null when none satisfies the model.</summary>
    public IReadOnlyList<GeneralizationLevel>? Transformation { get; init; }

    /// <summary>The information loss of the chosen transformation.</summary>
    public LossFigures? InformationLoss { get; init; }

    /// <summary>Risk of the input over the quasi-identifiers as given.</summary>
    public required RiskFigures InputRisk { get; init; }

    /// <summary>Risk of the output.</summary>
    public RiskFigures? OutputRisk { get; init; }

    /// <summary>The output's equivalence-class size histogram.</summary>
    public IReadOnlyList<ClassSizeBin> ClassSizes { get; init; } = [];

    /// <summary>Quasi-identifier and sensitive columns before and after.</summary>
    public IReadOnlyList<ColumnDistribution> Distributions { get; init; } = [];

    /// <summary>Input columns left out of the output, with the reason.</summary>
    public IReadOnlyList<string> DroppedColumns { get; init; } = [];

    /// <summary>Identifiers the scanner found in the would-be output (without their values).</summary>
    public IReadOnlyList<IdentifierFinding> IdentifierFindings { get; init; } = [];

    /// <summary>The report as indented JSON (camelCase names, enums as strings).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static DeidReport FromJson(string json) =>
        JsonSerializer.Deserialize<DeidReport>(json, Json) ?? throw new DeidException("the report JSON is empty");

    /// <summary>The report as readable Markdown.</summary>
    public string ToMarkdown() => ReportMarkdown.Render(this);
}
