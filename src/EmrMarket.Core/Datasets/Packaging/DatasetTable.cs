namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>One CSV file of a dataset package: its columns (documented in the data dictionary) and rows.</summary>
public sealed record DatasetTable(string Name, string Description, IReadOnlyList<DatasetColumn> Columns, IReadOnlyList<string?[]> Rows);

/// <summary>A column as the data dictionary describes it.</summary>
public sealed record DatasetColumn(string Name, string Type, string Description);
