namespace EmrMarket.Core.Datasets;

/// <summary>Where built packages are kept. Bound from the "Datasets" section.</summary>
public sealed class DatasetOptions
{
    public const string Section = "Datasets";

    /// <summary>Folder for package zips (created if missing); relative paths are under the app's working folder.</summary>
    public string StorageFolder { get; set; } = Path.Combine(".data", "packages");
}
