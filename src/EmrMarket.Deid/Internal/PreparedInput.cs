using System.Globalization;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// A validated table and policy: every column resolved and given its treatment, dates shifted and
/// Safe Harbor transforms applied to the columns that are copied. Every check names the column and
/// value it is about.
/// </summary>
internal sealed class PreparedInput
{
    private PreparedInput(Table table, DeidPolicy policy, List<ColumnPlan> plan, int[] quasiIdentifiers, int[] sensitive, string?[][] cells, IdentifierScanner? scanner)
    {
        Table = table;
        Policy = policy;
        Plan = plan;
        QuasiIdentifiers = quasiIdentifiers;
        Sensitive = sensitive;
        Cells = cells;
        Scanner = scanner;
        MaxOutliers = (long)Math.Floor(policy.SuppressionLimit * table.RowCount);
    }

    public Table Table { get; }

    public DeidPolicy Policy { get; }

    public IReadOnlyList<ColumnPlan> Plan { get; }

    /// <summary>Input column index of each quasi-identifier, in policy order.</summary>
    public int[] QuasiIdentifiers { get; }

    /// <summary>Input column indices of the sensitive columns.</summary>
    public int[] Sensitive { get; }

    /// <summary>The cells to work from: the input's, with dates shifted and copied columns transformed by Safe Harbor.</summary>
    public string?[][] Cells { get; }

    /// <summary>The identifier scanner, when Safe Harbor applies.</summary>
    public IdentifierScanner? Scanner { get; }

    public long MaxOutliers { get; }

    public int Rows => Table.RowCount;

    public static PreparedInput Prepare(Table table, DeidPolicy policy, DatasetSecret? secret)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        CheckNumbers(table, policy);
        var quasi = ResolveQuasiIdentifiers(table, policy);
        var sensitive = Enumerable.Range(0, table.Schema.Count).Where(c => table.Schema[c].Role == ColumnRole.Sensitive).ToArray();
        if (policy.LDiversity is not null && sensitive.Length == 0)
            throw new DeidException("l-diversity needs at least one column whose role is sensitive");

        var pseudonym = -1;
        if (policy.PseudonymColumn is { } name)
        {
            pseudonym = table.RequireColumn(name);
            if (table.Schema[pseudonym].Role == ColumnRole.QuasiIdentifier)
                throw new DeidException($"column '{name}' cannot be both a quasi-identifier and the pseudonym column", name);
            if (secret is null) throw new DeidException($"pseudonyms for column '{name}' need the dataset's secret", name);
        }
        if (policy.DateShiftDays > 0 && (pseudonym < 0 || secret is null))
            throw new DeidException("date shifting needs a pseudonym column (the patient id) and the dataset's secret");

        var plan = new List<ColumnPlan>();
        for (var c = 0; c < table.Schema.Count; c++)
        {
            var column = table.Schema[c];
            var attribute = Array.IndexOf(quasi, c);
            if (attribute >= 0) plan.Add(new ColumnPlan(c, ColumnTreatment.Generalize, attribute));
            else if (c == pseudonym) plan.Add(new ColumnPlan(c, ColumnTreatment.Pseudonymize));
            else if (column.Role == ColumnRole.DirectIdentifier) plan.Add(new ColumnPlan(c, ColumnTreatment.Drop, DropReason: "direct identifier"));
            else if (policy.SafeHarbor && SafeHarbor.Removes(column.Kind))
                plan.Add(new ColumnPlan(c, ColumnTreatment.Drop, DropReason: $"{column.Kind} removed by Safe Harbor"));
            else plan.Add(new ColumnPlan(c, ColumnTreatment.Copy));
        }

        var cells = Enumerable.Range(0, table.Schema.Count).Select(table.Cells).ToArray();
        if (policy.DateShiftDays > 0) ShiftDates(table, cells, pseudonym, new DateShifter(secret!, policy.DateShiftDays));
        if (policy.SafeHarbor)
        {
            foreach (var step in plan.Where(p => p.Treatment == ColumnTreatment.Copy))
                cells[step.Index] = SafeHarbor.Transform(table.Schema[step.Index], cells[step.Index]);
        }
        var scanner = policy.SafeHarbor ? IdentifierScanner.ForInput(table) : null;
        return new PreparedInput(table, policy, plan, quasi, sensitive, cells, scanner);
    }

    private static void CheckNumbers(Table table, DeidPolicy policy)
    {
        if (table.RowCount == 0) throw new DeidException("the table has no rows");
        if (policy.K < 1) throw new DeidException($"k must be at least 1, not {policy.K}");
        if (policy.K > table.RowCount)
            throw new DeidException($"k = {policy.K} is larger than the table's {table.RowCount} rows: no class can be that large");
        if (policy.SuppressionLimit is < 0 or > 1 || double.IsNaN(policy.SuppressionLimit))
            throw new DeidException($"the suppression limit must be between 0 and 1, not {policy.SuppressionLimit.ToString(CultureInfo.InvariantCulture)}");
        if (policy.SamplingFraction is <= 0 or > 1 || double.IsNaN(policy.SamplingFraction))
            throw new DeidException($"the sampling fraction must be above 0 and at most 1, not {policy.SamplingFraction.ToString(CultureInfo.InvariantCulture)}");
        if (policy.DateShiftDays < 0) throw new DeidException($"the date shift must not be negative ({policy.DateShiftDays})");
        if (policy.LDiversity is { } l)
        {
            if (l.L < 1 || double.IsNaN(l.L)) throw new DeidException($"l must be at least 1, not {l.L.ToString(CultureInfo.InvariantCulture)}");
            if (l.Variant == LDiversityVariant.Distinct && l.L != Math.Floor(l.L))
                throw new DeidException($"distinct l-diversity needs a whole l, not {l.L.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static int[] ResolveQuasiIdentifiers(Table table, DeidPolicy policy)
    {
        if (policy.QuasiIdentifiers is null || policy.QuasiIdentifiers.Count == 0)
            throw new DeidException("the policy names no quasi-identifier");
        var indices = new int[policy.QuasiIdentifiers.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            var qi = policy.QuasiIdentifiers[i];
            ArgumentNullException.ThrowIfNull(qi.Hierarchy);
            indices[i] = table.RequireColumn(qi.Column);
            if (Array.IndexOf(indices, indices[i], 0, i) >= 0)
                throw new DeidException($"column '{qi.Column}' is named twice as a quasi-identifier", qi.Column);
            var role = table.Schema[indices[i]].Role;
            if (role != ColumnRole.QuasiIdentifier)
                throw new DeidException($"the policy names '{qi.Column}' as a quasi-identifier but the table gives it the role {role}", qi.Column);
            var kind = table.Schema[indices[i]].Kind;
            if (policy.SafeHarbor && SafeHarbor.Removes(kind))
                throw new DeidException($"column '{qi.Column}' holds {kind}, which Safe Harbor removes: it cannot be a quasi-identifier (make it a direct identifier)", qi.Column);
        }
        for (var c = 0; c < table.Schema.Count; c++)
        {
            if (table.Schema[c].Role == ColumnRole.QuasiIdentifier && Array.IndexOf(indices, c) < 0)
                throw new DeidException($"column '{table.Schema[c].Name}' is a quasi-identifier but the policy gives it no hierarchy", table.Schema[c].Name);
        }
        return indices;
    }

    private static void ShiftDates(Table table, string?[][] cells, int patient, DateShifter shifter)
    {
        var ids = cells[patient];
        for (var c = 0; c < cells.Length; c++)
        {
            var column = table.Schema[c];
            if (column.Type != ColumnType.Date && column.Kind != IdentifierKind.Date) continue;
            if (column.Role == ColumnRole.DirectIdentifier) continue;
            var shifted = new string?[ids.Length];
            for (var r = 0; r < ids.Length; r++)
            {
                var cell = cells[c][r];
                if (string.IsNullOrEmpty(cell)) { shifted[r] = cell; continue; }
                if (string.IsNullOrEmpty(ids[r]))
                    throw new DeidException($"row {r + 1} has no patient id in '{table.Schema[patient].Name}' to shift its dates by", table.Schema[patient].Name);
                shifted[r] = shifter.Shift(ids[r]!, cell, column.Name);
            }
            cells[c] = shifted;
        }
    }
}
