namespace EmrMarket.Core.Chain.Indexing;

/// <summary>The read models and the indexer's cursor.</summary>
public interface IChainIndexStore
{
    Task<IndexCursor?> GetCursorAsync(CancellationToken cancellationToken);

    /// <summary>Empties every read model and puts the cursor at <paramref name="start"/> for <paramref name="deploymentKey"/>.</summary>
    Task ResetAsync(string deploymentKey, IndexedBlock start, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a range in one transaction that also moves the cursor to its last block and notifies listeners.
    /// Returns false (and changes nothing) when the cursor is no longer at the block before the range.
    /// </summary>
    Task<bool> ApplyAsync(IndexedRange range, CancellationToken cancellationToken);

    /// <summary>Stored blocks at or below <paramref name="atOrBelow"/>, highest first.</summary>
    Task<IReadOnlyList<IndexedBlock>> BlocksAsync(ulong atOrBelow, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes everything from the block after <paramref name="keep"/> on and puts the cursor at <paramref name="keep"/>.</summary>
    Task RewindAsync(IndexedBlock keep, CancellationToken cancellationToken);

    /// <summary>Rows per read-model table.</summary>
    Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken);

    /// <summary>Takes the indexer's lock (one indexer across app instances); null when another instance holds it.</summary>
    Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken);
}
