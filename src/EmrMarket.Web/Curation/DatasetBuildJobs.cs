using System.Collections.Concurrent;
using EmrMarket.Core.Datasets;

namespace EmrMarket.Web.Curation;

/// <summary>
/// Dataset builds started from the curator's pages. A build runs on the thread pool, never on a circuit, so the
/// page stays responsive and the build goes on if the curator navigates away; every open page hears each stage
/// through <see cref="Changed"/>. Jobs live in this app instance's memory (the built datasets are in the database).
/// </summary>
public sealed class DatasetBuildJobs(DatasetBuilder builder, TimeProvider clock, ILogger<DatasetBuildJobs> logger) : IDisposable
{
    private const int Kept = 20;

    private readonly ConcurrentDictionary<Guid, BuildJob> jobs = new();
    private readonly CancellationTokenSource stopping = new();

    public event Action? Changed;

    /// <summary>The newest jobs first.</summary>
    public IReadOnlyList<BuildJob> Recent => jobs.Values.OrderByDescending(j => j.StartedAt).ToList();

    public BuildJob? Find(Guid id) => jobs.GetValueOrDefault(id);

    public BuildJob Start(DatasetRequest request)
    {
        var job = new BuildJob(Guid.NewGuid(), request.Title, request.RequestedBy, clock.GetUtcNow());
        jobs[job.Id] = job;
        foreach (var old in jobs.Values.Where(j => !j.Running).OrderByDescending(j => j.StartedAt).Skip(Kept)) jobs.TryRemove(old.Id, out _);
        Notify();
        _ = Task.Run(() => RunAsync(job, request));
        return job;
    }

    private async Task RunAsync(BuildJob job, DatasetRequest request)
    {
        try
        {
            job.Result = await builder.BuildAsync(request, new StageProgress(this, job), stopping.Token);
        }
        catch (DatasetException e)
        {
            job.Error = e.Message;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "Dataset build {JobId} failed", job.Id);
            job.Error = $"the build stopped unexpectedly ({e.GetType().Name}); nothing was stored. Try again, or tell the platform operator if it happens again";
        }
        catch (OperationCanceledException)
        {
            job.Error = "the app was shutting down; nothing was stored";
        }
        job.FinishedAt = clock.GetUtcNow();
        Notify();
    }

    private void Notify()
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A build watcher failed");
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private sealed class StageProgress(DatasetBuildJobs owner, BuildJob job) : IProgress<BuildStage>
    {
        public void Report(BuildStage value)
        {
            job.Stage = value;
            owner.Notify();
        }
    }
}
