using System.Diagnostics;
using System.Numerics;
using EmrMarket.Deid.Identifiers;
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

    public AnonymizationResult Execute(Stopwatch clock, CancellationToken cancellationToken)
    {
        var (baseTable, rowTuple) = DistinctTuples();
        if (policy.LDiversity is { Variant: LDiversityVariant.Distinct } && encoded.Sensitive.All(column => column.Values.Length <= 64))
            baseTable.SensitiveSets = encoded.Sensitive.Select(column => BaseSets(column, rowTuple, baseTable.Length)).ToArray();
        else if (policy.LDiversity is not null)
            baseTable.Sensitive = encoded.Sensitive.Select(column => BaseSensitive(column, rowTuple)).ToArray();
        var encodingTime = clock.Elapsed;

        var lattice = new Lattice(attributes);
        var pool = new TablePool<TKey>();
        var groupifier = new Groupifier<TKey>(attributes, options.MaxDegreeOfParallelism, pool);
        var metric = new MetricModel(attributes, policy.Metric, input.Rows, policy.K);
        var privacy = new PrivacyModel(policy.K, input.MaxOutliers, policy.LDiversity);
        var evaluator = new NodeEvaluator<TKey>(privacy, metric);
        var cache = new ClassCache<TKey>(baseTable, options.ClassCacheBytes);
        var outcome = new LatticeSearch<TKey>(lattice, groupifier, evaluator, metric, privacy, cache, pool).Run(cancellationToken);
        var searchTime = clock.Elapsed - encodingTime;

        var report = new ReportAssembly<TKey>(input, encoded, baseTable.Counts.AsSpan(0, baseTable.Length).ToArray(), lattice.Size);
        var (status, transformation, output, deidReport) = outcome.Levels is null
            ? (AnonymizationStatus.NoSolution, null, null, report.NoSolution())
            : Release(outcome, baseTable, rowTuple, groupifier, evaluator, metric, report);
        var statistics = new SearchStatistics(lattice.Size, outcome.NodesChecked, baseTable.Length, encodingTime, searchTime, clock.Elapsed - encodingTime - searchTime);
        return new AnonymizationResult(status, transformation, output, deidReport, statistics);
    }

    /// <summary>Applies the optimal transformation: the output without its suppressed records, checked for identifiers, and the report.</summary>
    private (AnonymizationStatus, Transformation?, Table?, DeidReport) Release(
        SearchOutcome outcome, ClassTable<TKey> baseTable, int[] rowTuple, Groupifier<TKey> groupifier, NodeEvaluator<TKey> evaluator,
        MetricModel metric, ReportAssembly<TKey> report)
    {
        var levels = outcome.Levels!;
        var tupleClass = new int[baseTable.Length];
        var final = groupifier.RollUp(baseTable, levels, tupleClass);
        var suppressed = evaluator.Suppressed(final, out _, out var suppressedRecords).ToArray();
        var keep = new bool[input.Rows];
        for (var r = 0; r < keep.Length; r++) keep[r] = !suppressed[tupleClass[rowTuple[r]]];
        var (output, findings) = BuildOutput(levels, keep, (int)(input.Rows - suppressedRecords));
        var transformation = new Transformation(levels.Select((level, d) =>
            new GeneralizationLevel(attributes[d].Column, level, attributes[d].Levels - 1, policy.QuasiIdentifiers[d].Hierarchy.Description)).ToList());
        var components = metric.LossComponents(final, suppressed);
        var loss = new LossFigures(
            policy.Metric,
            outcome.Loss,
            MetricModel.GeometricMean(components),
            components.Select((value, d) => new AttributeLoss(attributes[d].Column, value)).ToList(),
            metric.Entropy(final, suppressed),
            metric.Discernibility(final, suppressed));
        var deidReport = report.Anonymized(transformation, final, suppressed, suppressedRecords, loss, output, keep, findings);
        return findings.Count > 0
            ? (AnonymizationStatus.IdentifiersFound, transformation, null, deidReport)
            : (AnonymizationStatus.Anonymized, transformation, output, deidReport);
    }

    /// <summary>Collapses the rows into distinct base tuples with counts, remembering each row's tuple.</summary>
    private (ClassTable<TKey> Table, int[] RowTuple) DistinctTuples()
    {
        var packing = new NodePacking(attributes, new int[attributes.Length]);
        var rows = input.Rows;
        var keys = new TKey[rows];
        Parallel.For(0, Math.Max(1, options.MaxDegreeOfParallelism), part =>
        {
            var parts = Math.Max(1, options.MaxDegreeOfParallelism);
            for (int r = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts); r < end; r++)
                keys[r] = encoded.Pack<TKey>(r, packing);
        });
        var rowTuple = new int[rows];
        var (distinct, counts) = new RadixGrouper<TKey>(options.MaxDegreeOfParallelism).Group(keys, null, rows, rowTuple);
        return (new ClassTable<TKey>(new int[attributes.Length], packing, distinct, counts, distinct.Length), rowTuple);
    }

    private static ulong[] BaseSets(ColumnCodes column, int[] rowTuple, int tuples)
    {
        var sets = new ulong[tuples];
        for (var r = 0; r < rowTuple.Length; r++) sets[rowTuple[r]] |= 1UL << column.Rows[r];
        return sets;
    }

    private SensitiveEntries BaseSensitive(ColumnCodes column, int[] rowTuple)
    {
        var keys = new ulong[rowTuple.Length];
        for (var r = 0; r < rowTuple.Length; r++) keys[r] = SensitiveEntries.Pack(rowTuple[r], column.Rows[r]);
        var (pairs, counts) = new RadixGrouper<ulong>(options.MaxDegreeOfParallelism).Group(keys, null, keys.Length, null);
        return new SensitiveEntries(pairs, counts, pairs.Length);
    }

    /// <summary>Writes the output columns (one per thread) and scans each for identifiers as it goes.</summary>
    private (Table Output, List<IdentifierFinding> Findings) BuildOutput(int[] levels, bool[] keep, int rows)
    {
        var steps = input.Plan.Where(p => p.Treatment != ColumnTreatment.Drop).ToArray();
        var schema = new ColumnSchema[steps.Length];
        var columns = new string?[steps.Length][];
        var findings = new List<IdentifierFinding>[steps.Length];
        var pseudonymizer = secret is null ? null : new Pseudonymizer(secret);
        var scanner = input.Scanner;
        Parallel.For(0, steps.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) }, i =>
        {
            var step = steps[i];
            var column = input.Table.Schema[step.Index];
            var name = column.Name;
            switch (step.Treatment)
            {
                case ColumnTreatment.Generalize:
                    var attribute = attributes[step.Attribute];
                    var level = levels[step.Attribute];
                    var labels = attribute.BaseToLevel[level].Select(code => attribute.Labels[level][code]).ToArray();
                    var codes = encoded.RowCodes[step.Attribute];
                    var used = new bool[labels.Length];
                    columns[i] = Kept(keep, rows, r =>
                    {
                        used[codes[r]] = true;
                        return labels[codes[r]];
                    });
                    schema[i] = column with { Type = ColumnType.String, Kind = IdentifierKind.None };
                    var distinct = labels.Where((_, code) => used[code]).Distinct();
                    findings[i] = scanner?.ScanLabels(name, distinct, value => Array.IndexOf(columns[i], value)) ?? [];
                    break;
                case ColumnTreatment.Pseudonymize:
                    var source = input.Cells[step.Index];
                    var memo = new Dictionary<string, string>(StringComparer.Ordinal);
                    columns[i] = Kept(keep, rows, r => source[r] is { Length: > 0 } id
                        ? memo.TryGetValue(id, out var p) ? p : memo[id] = pseudonymizer!.Pseudonym(id)
                        : source[r]);
                    schema[i] = column with { Role = ColumnRole.Insensitive, Type = ColumnType.String, Kind = IdentifierKind.None };
                    findings[i] = [];
                    break;
                default:
                    var copied = input.Cells[step.Index];
                    columns[i] = Kept(keep, rows, r => copied[r]);
                    var transformed = policy.SafeHarbor && column.Kind is IdentifierKind.ZipCode or IdentifierKind.Date or IdentifierKind.Age;
                    schema[i] = transformed ? column with { Type = ColumnType.String, Kind = IdentifierKind.None } : column;
                    findings[i] = scanner?.ScanColumn(name, columns[i]) ?? [];
                    break;
            }
        });
        return (new Table(schema, columns), findings.SelectMany(f => f).ToList());
    }

    private static string?[] Kept(bool[] keep, int rows, Func<int, string?> cell)
    {
        var cells = new string?[rows];
        var o = 0;
        for (var r = 0; r < keep.Length; r++)
            if (keep[r]) cells[o++] = cell(r);
        return cells;
    }
}
