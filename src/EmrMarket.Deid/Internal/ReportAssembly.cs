using System.Globalization;
using System.Numerics;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Reports;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Internal;

/// <summary>Builds the report's parts shared by every outcome.</summary>
internal sealed class ReportAssembly<TKey>(PreparedInput input, EncodedInput encoded, int[] inputClassSizes, long latticeSize)
    where TKey : unmanaged, IBinaryInteger<TKey>
{
    private readonly DeidPolicy policy = input.Policy;

    public DeidReport NoSolution() => Common(
        AnonymizationStatus.NoSolution,
        string.Create(CultureInfo.InvariantCulture,
            $"no transformation satisfies {policy.K}-anonymity{(policy.LDiversity is { } l ? $" with {l.Variant.ToString().ToLowerInvariant()} {l.L}-diversity" : "")} with at most {policy.SuppressionLimit:0.####%} of records suppressed; nothing was released"),
        null, null, [], 0, null, []);

    public DeidReport Anonymized(
        Transformation transformation, ClassTable<TKey> final, bool[] suppressed, long suppressedRecords, LossFigures loss,
        Table output, bool[] keep, IReadOnlyList<IdentifierFinding> findings)
    {
        var sizes = new List<int>();
        for (var c = 0; c < final.Length; c++)
            if (!suppressed[c]) sizes.Add(final.Counts[c]);
        var status = findings.Count > 0 ? AnonymizationStatus.IdentifiersFound : AnonymizationStatus.Anonymized;
        var summary = findings.Count > 0
            ? $"the output was withheld: the identifier scanner found {findings.Count} identifier(s) in it (see the findings)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{policy.K}-anonymous with {transformation}; {suppressedRecords:N0} of {input.Rows:N0} records suppressed; {loss.Metric} {loss.Value:0.######}");
        return Common(status, summary, transformation, loss, sizes, suppressedRecords, (final, suppressed, keep), findings) with
        {
            OutputRows = findings.Count > 0 ? 0 : output.RowCount,
        };
    }

    private DeidReport Common(
        AnonymizationStatus status, string summary, Transformation? transformation, LossFigures? loss, List<int> outputSizes,
        long suppressedRecords, (ClassTable<TKey> Final, bool[] Suppressed, bool[] Keep)? result, IReadOnlyList<IdentifierFinding> findings)
    {
        var attributes = encoded.Attributes;
        var distributions = new List<ColumnDistribution>();
        for (var d = 0; d < attributes.Length; d++)
        {
            var raw = encoded.RawQuasi[d];
            IReadOnlyList<ValueCount> after = [];
            var distinctAfter = 0;
            if (result is { } r)
            {
                var level = r.Final.Levels[d];
                var counts = new long[attributes[d].Cardinality[level]];
                for (var c = 0; c < r.Final.Length; c++)
                    if (!r.Suppressed[c]) counts[r.Final.Code(c, d)] += r.Final.Counts[c];
                after = ReportFigures.Top(attributes[d].Labels[level], counts, policy.K);
                distinctAfter = counts.Count(x => x > 0);
            }
            distributions.Add(new ColumnDistribution(attributes[d].Column, "quasi-identifier", raw.Values.Length, distinctAfter,
                ReportFigures.Top(raw.Values, raw.Counts, policy.K), after));
        }
        for (var s = 0; s < input.Sensitive.Length; s++)
        {
            var codes = encoded.Sensitive[s];
            IReadOnlyList<ValueCount> after = [];
            var distinctAfter = 0;
            if (result is { } r)
            {
                var counts = new long[codes.Values.Length];
                for (var row = 0; row < codes.Rows.Length; row++)
                    if (r.Keep[row]) counts[codes.Rows[row]]++;
                after = ReportFigures.Top(codes.Values, counts, policy.K);
                distinctAfter = counts.Count(x => x > 0);
            }
            distributions.Add(new ColumnDistribution(input.Table.Schema[input.Sensitive[s]].Name, "sensitive", codes.Values.Length, distinctAfter,
                ReportFigures.Top(codes.Values, codes.Counts, policy.K), after));
        }
        return new DeidReport
        {
            Status = status,
            Summary = summary,
            Policy = ReportFigures.Policy(input, attributes),
            InputRows = input.Rows,
            OutputRows = 0,
            SuppressedRecords = suppressedRecords,
            LatticeSize = latticeSize,
            Transformation = transformation?.Levels,
            InformationLoss = loss,
            InputRisk = ReportFigures.Risk(inputClassSizes, policy.SamplingFraction),
            OutputRisk = result is null ? null : ReportFigures.Risk(outputSizes, policy.SamplingFraction),
            ClassSizes = ReportFigures.Histogram(outputSizes),
            Distributions = distributions,
            DroppedColumns = input.Plan.Where(p => p.Treatment == ColumnTreatment.Drop)
                .Select(p => $"{input.Table.Schema[p.Index].Name} ({p.DropReason})").ToList(),
            IdentifierFindings = findings,
        };
    }
}
