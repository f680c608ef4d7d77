namespace EmrMarket.Core.Datasets;

/// <summary>The stages of a dataset build, in order, as reported to whoever watches it.</summary>
public enum BuildStage
{
    /// <summary>Finding the cohort and who of it consents at the consent block.</summary>
    Selecting,

    /// <summary>Reading the included patients' records.</summary>
    Extracting,

    /// <summary>Searching for the least generalization that meets the privacy model.</summary>
    Anonymizing,

    /// <summary>Writing the CSV tables, the data dictionary and the manifest.</summary>
    Packaging,

    /// <summary>Storing the dataset, who is in it and the payout leaves.</summary>
    Saving,
}
