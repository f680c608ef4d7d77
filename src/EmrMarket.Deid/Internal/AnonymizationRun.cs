using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Deid.Reports;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Internal;

/// <summary>One run over an encoded input with keys of type <typeparamref name="TKey"/>: distinct tuples, the lattice search, the output and the report.</summary>
internal sealed class AnonymizationRun<TKey>(PreparedInput input, EncodedInput encoded, AnonymizerOptions options, DatasetSecret? secret)
    where TKey : unmanaged, IBinaryInteger<TKey>
{
    private readonly QiAttribute[] attributes = encoded.Attributes;
    private readonly DeidPolicy policy = input.Policy;

    public AnonymizationResult Execute(Stopwatch clock)
    {
        var (baseTable, rowTuple) = DistinctTuples();
        if (policy.LDiversity is not null)
            baseTable.Sensitive = encoded.Sensitive.Select(column => BaseSensitive(column, rowTuple)).ToArray();
        var encodingTime = clock.Elapsed;

        var lattice = new Lattice(attributes);
        var groupifier = new Groupifier<TKey>(attributes, options.MaxDegreeOfParallelism);
        var metric = new MetricModel(attributes, policy.Metric, input.Rows, policy.K);
        var privacy = new PrivacyModel(policy.K, input.MaxOutliers, policy.LDiversity);
        var evaluator = new NodeEvaluator<TKey>(privacy, metric);
        var cache = new ClassCache<TKey>(baseTable, options.ClassCacheBytes);
        var outcome = new LatticeSearch<TKey>(lattice, groupifier, evaluator, metric, privacy, cache).Run();
        var searchTime = clock.Elapsed - encodingTime;

        var report = new ReportAssembly(input, encoded, baseTable.Counts.AsSpan(0, baseTable.Length).ToArray(), lattice.Size);
        AnonymizationResult result;
        if (outcome.Levels is null)
        {
            result = new AnonymizationResult(AnonymizationStatus.NoSolution, null, null, report.NoSolution(), Statistics(0, 0));
        }
        else
        {
            var tupleClass = new int[baseTable.Length];
            var final = groupifier.RollUp(baseTable, outcome.Levels, tupleClass);
            var suppressed = evaluator.Suppressed(final, out _, out var suppressedRecords).ToArray();
            var keep = new bool[input.Rows];
            for (var r = 0; r < keep.Length; r++) keep[r] = !suppressed[tupleClass[rowTuple[r]]];
            var output = BuildOutput(outcome.Levels, keep, (int)(input.Rows - suppressedRecords));
            var transformation = new Transformation(outcome.Levels.Select((level, d) =>
                new GeneralizationLevel(attributes[d].Column, level, attributes[d].Levels - 1, policy.QuasiIdentifiers[d].Hierarchy.Description)).ToList());
            var loss = new LossFigures(
                policy.Metric,
                outcome.Loss,
                MetricModel.GeometricMean(metric.LossComponents(final, suppressed)),
                metric.LossComponents(final, suppressed).Select((value, d) => new AttributeLoss(attributes[d].Column, value)).ToList(),
                metric.Entropy(final, suppressed),
                metric.Discernibility(final, suppressed));
            var findings = input.Scanner?.Scan(output, policy.PseudonymColumn is { } p ? new HashSet<string> { p } : null) ?? [];
            var deidReport = report.Anonymized(transformation, final, suppressed, suppressedRecords, loss, output, keep, findings);
            result = findings.Count > 0
                ? new AnonymizationResult(AnonymizationStatus.IdentifiersFound, transformation, null, deidReport, Statistics(0, 0))
                : new AnonymizationResult(AnonymizationStatus.Anonymized, transformation, output, deidReport, Statistics(0, 0));
        }
        var statistics = new SearchStatistics(lattice.Size, outcome.NodesChecked, baseTable.Length, encodingTime, searchTime, clock.Elapsed - encodingTime - searchTime);
        return result with { Statistics = statistics };

        static SearchStatistics Statistics(int checkedNodes, int tuples) => new(0, checkedNodes, tuples, default, default, default);
    }

    /// <summary>Collapses the rows into distinct base tuples with counts, remembering each row's tuple.</summary>
    private (ClassTable<TKey> Table, int[] RowTuple) DistinctTuples()
    {
        var packing = new NodePacking(attributes, new int[attributes.Length]);
        var counter = new HashCounter<TKey>();
        counter.Prepare(input.Rows, 0);
        for (var r = 0; r < input.Rows; r++)
        {
            var key = encoded.Pack<TKey>(r, packing);
            counter.Add(key, KeyHash<TKey>.Of(key), 1);
        }
        var keys = new TKey[counter.Count];
        var counts = new int[counter.Count];
        for (var t = 0; t < keys.Length; t++)
        {
            keys[t] = counter.KeyAt(t);
            counts[t] = counter.CountAt(t);
        }
        counter.ComputeRanks();
        var rowTuple = new int[input.Rows];
        for (var r = 0; r < rowTuple.Length; r++)
        {
            var key = encoded.Pack<TKey>(r, packing);
            rowTuple[r] = counter.RankOf(key, KeyHash<TKey>.Of(key));
        }
        counter.Clear();
        return (new ClassTable<TKey>(new int[attributes.Length], packing, keys, counts, keys.Length), rowTuple);
    }

    private static SensitiveEntries BaseSensitive(ColumnCodes column, int[] rowTuple)
    {
        var pairs = new HashCounter<ulong>();
        pairs.Prepare(rowTuple.Length, 0);
        for (var r = 0; r < rowTuple.Length; r++)
        {
            var key = ((ulong)(uint)rowTuple[r] << 32) | (uint)column.Rows[r];
            pairs.Add(key, KeyHash<ulong>.Of(key), 1);
        }
        var classes = new int[pairs.Count];
        var values = new int[pairs.Count];
        var counts = new int[pairs.Count];
        for (var e = 0; e < classes.Length; e++)
        {
            var key = pairs.KeyAt(e);
            classes[e] = (int)(key >> 32);
            values[e] = (int)(uint)key;
            counts[e] = pairs.CountAt(e);
        }
        return new SensitiveEntries(classes, values, counts, classes.Length);
    }

    private Table BuildOutput(int[] levels, bool[] keep, int rows)
    {
        var schema = new List<ColumnSchema>();
        var columns = new List<string?[]>();
        var pseudonymizer = secret is null ? null : new Pseudonymizer(secret);
        foreach (var step in input.Plan)
        {
            var column = input.Table.Schema[step.Index];
            string?[] cells;
            switch (step.Treatment)
            {
                case ColumnTreatment.Generalize:
                    var attribute = attributes[step.Attribute];
                    var labels = attribute.BaseToLevel[levels[step.Attribute]].Select(code => attribute.Labels[levels[step.Attribute]][code]).ToArray();
                    var codes = encoded.RowCodes[step.Attribute];
                    cells = Kept(keep, rows, r => labels[codes[r]]);
                    schema.Add(column with { Type = ColumnType.String, Kind = Identifiers.IdentifierKind.None });
                    break;
                case ColumnTreatment.Pseudonymize:
                    var source = input.Cells[step.Index];
                    var memo = new Dictionary<string, string>(StringComparer.Ordinal);
                    cells = Kept(keep, rows, r => source[r] is { Length: > 0 } id
                        ? memo.TryGetValue(id, out var p) ? p : memo[id] = pseudonymizer!.Pseudonym(id)
                        : source[r]);
                    schema.Add(column with { Role = ColumnRole.Insensitive, Type = ColumnType.String, Kind = Identifiers.IdentifierKind.None });
                    break;
                case ColumnTreatment.Copy:
                    var copied = input.Cells[step.Index];
                    cells = Kept(keep, rows, r => copied[r]);
                    var transformed = policy.SafeHarbor && column.Kind is Identifiers.IdentifierKind.ZipCode or Identifiers.IdentifierKind.Date or Identifiers.IdentifierKind.Age;
                    schema.Add(transformed ? column with { Type = ColumnType.String, Kind = Identifiers.IdentifierKind.None } : column);
                    break;
                default:
                    continue;
            }
            columns.Add(cells);
        }
        return new Table(schema, columns);
    }

    private static string?[] Kept(bool[] keep, int rows, Func<int, string?> cell)
    {
        var cells = new string?[rows];
        var o = 0;
        for (var r = 0; r < keep.Length; r++)
            if (keep[r]) cells[o++] = cell(r);
        return cells;
    }

    /// <summary>Builds the report's parts shared by every outcome.</summary>
    private sealed class ReportAssembly(PreparedInput input, EncodedInput encoded, int[] inputClassSizes, long latticeSize)
    {
        private readonly DeidPolicy policy = input.Policy;

        public DeidReport NoSolution() => Common(
            AnonymizationStatus.NoSolution,
            string.Create(CultureInfo.InvariantCulture,
                $"no transformation satisfies {policy.K}-anonymity{(policy.LDiversity is { } l ? $" with {l.Variant.ToString().ToLowerInvariant()} {l.L}-diversity" : "")} with at most {policy.SuppressionLimit:0.####%} of records suppressed; nothing was released"),
            null, null, [], 0, null, []);

        public DeidReport Anonymized(
            Transformation transformation, ClassTable<TKey> final, bool[] suppressed, long suppressedRecords, LossFigures loss,
            Table output, bool[] keep, IReadOnlyList<Identifiers.IdentifierFinding> findings)
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
            long suppressedRecords, (ClassTable<TKey> Final, bool[] Suppressed, bool[] Keep)? result, IReadOnlyList<Identifiers.IdentifierFinding> findings)
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
}
