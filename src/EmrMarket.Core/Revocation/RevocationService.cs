using EmrMarket.Core.Datasets;

namespace EmrMarket.Core.Revocation;

/// <summary>
/// What the curator's revocation queue and the compliance pages read, and the curator's retry. The work itself is the
/// <see cref="RevocationWorker"/>'s.
/// </summary>
public sealed class RevocationService(IRevocationStore store, IDatasetStore datasets, TimeProvider clock)
{
    /// <summary>Offers paused (or being paused) for a rebuild, and those that could not be rebuilt, oldest first.</summary>
    public async Task<IReadOnlyList<RevocationQueueItem>> QueueAsync(CancellationToken cancellationToken)
    {
        var items = new List<RevocationQueueItem>();
        foreach (var c in (await store.CasesAsync(includeFinished: false, cancellationToken)).OrderBy(c => c.OpenedAt))
        {
            var trail = await store.ActionsAsync(c.OfferId, null, cancellationToken);
            var title = (await datasets.FindAsync(c.DatasetId, cancellationToken))?.Title ?? "(unknown dataset)";
            items.Add(new RevocationQueueItem(c, title, trail.Count(a => a.Step == RevocationStep.Detected), trail.LastOrDefault()));
        }
        return items;
    }

    /// <summary>Every case, newest first, finished ones included.</summary>
    public async Task<IReadOnlyList<RevocationCase>> CasesAsync(CancellationToken cancellationToken) =>
        (await store.CasesAsync(includeFinished: true, cancellationToken)).OrderByDescending(c => c.OpenedAt).ToList();

    public Task<RevocationCase?> FindAsync(ulong offerId, CancellationToken cancellationToken) => store.FindAsync(offerId, cancellationToken);

    /// <summary>The trail of one offer's case, in order.</summary>
    public Task<IReadOnlyList<RevocationAction>> TrailOfOfferAsync(ulong offerId, CancellationToken cancellationToken) =>
        store.ActionsAsync(offerId, null, cancellationToken);

    /// <summary>The trail of every case a dataset is in, as the version replaced or as the rebuilt one, in order.</summary>
    public Task<IReadOnlyList<RevocationAction>> TrailOfDatasetAsync(Guid datasetId, CancellationToken cancellationToken) =>
        store.ActionsAsync(null, datasetId, cancellationToken);

    /// <summary>Asks the worker to try a failed case again (after more patients consented, say); the offer is still paused.</summary>
    /// <exception cref="RevocationException">No such case, or it has not failed.</exception>
    public async Task RetryAsync(ulong offerId, string requestedBy, CancellationToken cancellationToken)
    {
        var c = await store.FindAsync(offerId, cancellationToken) ?? throw new RevocationException($"offer {offerId} has no revocation case");
        if (c.Status != RevocationCaseStatus.Failed) throw new RevocationException($"offer {offerId}'s case is {c.Status.ToString().ToLowerInvariant()}, not failed");
        var next = c with
        {
            Status = RevocationCaseStatus.Open, Attempt = c.Attempt + 1, PauseOutboxId = null, NewDatasetId = null, ListOutboxId = null,
            Failure = null, LastDetectedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow(),
        };
        if (!await store.TransitionAsync(RevocationCaseStatus.Failed, next, [new(RevocationStep.Retried, $"retried by {requestedBy}")], cancellationToken))
            throw new RevocationException($"offer {offerId}'s case changed meanwhile; look again");
    }
}
