using System.Globalization;
using System.Text;

namespace EmrMarket.Deid.Reports;

/// <summary>Renders a report for people: the outcome, the transformation, risk and loss tables, the histogram and distributions.</summary>
internal static class ReportMarkdown
{
    public static string Render(DeidReport report)
    {
        var md = new StringBuilder();
        var policy = report.Policy;
        md.AppendLine("# De-identification report").AppendLine();
        md.AppendLine($"**{report.Status}**: {report.Summary}").AppendLine();
        md.AppendLine("## Policy").AppendLine();
        md.AppendLine($"- k-anonymity: k = {policy.K}, at most {Percent(policy.SuppressionLimit)} of records suppressed ({policy.MaxSuppressedRecords})");
        md.AppendLine($"- l-diversity: {policy.LDiversity ?? "none"}{(policy.SensitiveColumns.Count > 0 ? $" (sensitive: {string.Join(", ", policy.SensitiveColumns)})" : "")}");
        md.AppendLine($"- information loss minimized: {policy.Metric}");
        md.AppendLine($"- HIPAA Safe Harbor: {(policy.SafeHarbor ? $"applied (restricted ZIP3 list {policy.RestrictedZipAreas})" : "not applied")}");
        if (policy.PseudonymColumn is not null) md.AppendLine($"- pseudonyms: {policy.PseudonymColumn}");
        if (policy.DateShiftDays > 0) md.AppendLine($"- dates shifted per patient by up to ±{policy.DateShiftDays} days");
        if (report.DroppedColumns.Count > 0) md.AppendLine($"- dropped: {string.Join("; ", report.DroppedColumns)}");
        md.AppendLine();

        md.AppendLine("## Transformation").AppendLine();
        md.AppendLine("| quasi-identifier | hierarchy | level | lowest allowed | top |").AppendLine("|---|---|---|---|---|");
        foreach (var qi in policy.QuasiIdentifiers)
        {
            var level = report.Transformation?.FirstOrDefault(t => t.Column == qi.Column)?.Level.ToString(CultureInfo.InvariantCulture) ?? "–";
            md.AppendLine($"| {qi.Column} | {qi.Hierarchy} | {level} | {qi.MinimumLevel} | {qi.Levels - 1} |");
        }
        md.AppendLine().AppendLine($"Lattice of {report.LatticeSize:N0} transformations; {report.InputRows:N0} input rows, {report.OutputRows:N0} output rows, {report.SuppressedRecords:N0} suppressed.").AppendLine();

        if (report.InformationLoss is { } loss)
        {
            md.AppendLine("## Information loss").AppendLine();
            md.AppendLine($"- Loss (ARX): {Number(loss.Loss)} — " + string.Join(", ", loss.LossByAttribute.Select(a => $"{a.Column} {Number(a.Loss)}")));
            md.AppendLine($"- non-uniform entropy: {Number(loss.NonUniformEntropy)} bits");
            md.AppendLine($"- discernibility: {loss.Discernibility.ToString("N0", CultureInfo.InvariantCulture)}").AppendLine();
        }

        md.AppendLine("## Re-identification risk").AppendLine();
        md.AppendLine("| | input | output |").AppendLine("|---|---|---|");
        Row(md, "records", report.InputRisk, report.OutputRisk, r => r.Records.ToString("N0", CultureInfo.InvariantCulture));
        Row(md, "equivalence classes", report.InputRisk, report.OutputRisk, r => r.Classes.ToString("N0", CultureInfo.InvariantCulture));
        Row(md, "smallest class", report.InputRisk, report.OutputRisk, r => r.SmallestClass.ToString(CultureInfo.InvariantCulture));
        Row(md, "prosecutor risk, highest", report.InputRisk, report.OutputRisk, r => Percent(r.ProsecutorHighest));
        Row(md, "prosecutor risk, average", report.InputRisk, report.OutputRisk, r => Percent(r.ProsecutorAverage));
        Row(md, "journalist risk, highest", report.InputRisk, report.OutputRisk, r => Percent(r.JournalistHighest));
        Row(md, "marketer risk", report.InputRisk, report.OutputRisk, r => Percent(r.MarketerRisk));
        Row(md, "records in classes < 2", report.InputRisk, report.OutputRisk, r => Percent(r.RecordsInClassesBelow2));
        Row(md, "records in classes < 5", report.InputRisk, report.OutputRisk, r => Percent(r.RecordsInClassesBelow5));
        Row(md, "records in classes < 11", report.InputRisk, report.OutputRisk, r => Percent(r.RecordsInClassesBelow11));
        md.AppendLine();

        if (report.ClassSizes.Count > 0)
        {
            md.AppendLine("## Class sizes (output)").AppendLine();
            md.AppendLine("| size | classes | records |").AppendLine("|---|---|---|");
            foreach (var bin in report.ClassSizes) md.AppendLine($"| {bin.Sizes} | {bin.Classes:N0} | {bin.Records:N0} |");
            md.AppendLine();
        }

        foreach (var column in report.Distributions)
        {
            md.AppendLine($"## {column.Column} ({column.Role})").AppendLine();
            md.AppendLine($"{column.DistinctBefore:N0} distinct values before, {column.DistinctAfter:N0} after.").AppendLine();
            md.AppendLine("| before | records | after | records |").AppendLine("|---|---|---|---|");
            for (var i = 0; i < Math.Max(column.Before.Count, column.After.Count); i++)
            {
                var before = i < column.Before.Count ? column.Before[i] : null;
                var after = i < column.After.Count ? column.After[i] : null;
                md.AppendLine($"| {Escape(before?.Value)} | {before?.Count.ToString("N0", CultureInfo.InvariantCulture)} | {Escape(after?.Value)} | {after?.Count.ToString("N0", CultureInfo.InvariantCulture)} |");
            }
            md.AppendLine();
        }

        if (report.IdentifierFindings.Count > 0)
        {
            md.AppendLine("## Identifiers found (output withheld)").AppendLine();
            foreach (var finding in report.IdentifierFindings)
                md.AppendLine($"- column {finding.Column}, row {finding.Row + 1}: {finding.Rule} ({finding.Kind})");
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, RiskFigures input, RiskFigures? output, Func<RiskFigures, string> value) =>
        md.AppendLine($"| {name} | {value(input)} | {(output is null ? "–" : value(output))} |");

    private static string Percent(double share) => share.ToString("0.####%", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Escape(string? text) => text is null ? "" : text.Replace("|", "\\|", StringComparison.Ordinal);
}
