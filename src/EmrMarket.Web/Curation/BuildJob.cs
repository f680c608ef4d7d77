using EmrMarket.Core.Datasets;

namespace EmrMarket.Web.Curation;

/// <summary>A dataset build running in the background, watched from the curator's pages.</summary>
public sealed class BuildJob(Guid id, string title, string requestedBy, DateTimeOffset startedAt)
{
    public Guid Id { get; } = id;
    public string Title { get; } = title;
    public string RequestedBy { get; } = requestedBy;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public BuildStage? Stage { get; internal set; }
    public DateTimeOffset? FinishedAt { get; internal set; }
    public DatasetBuild? Result { get; internal set; }
    public string? Error { get; internal set; }

    public bool Running => FinishedAt is null;

    /// <summary>Stages done out of all, for a progress bar.</summary>
    public int StagesDone => Result is not null ? StageCount : Stage is { } stage ? (int)stage : 0;

    public static int StageCount { get; } = Enum.GetValues<BuildStage>().Length;
}
