using EmrMarket.Core.Audit;
using EmrMarket.Core.Chain.Events;

namespace EmrMarket.Web.Compliance;

/// <summary>
/// The compliance officer's consent trail (scoped to a circuit): a filter, the current page, the way back to newer
/// pages, and live updates. New changes reload the newest page at most once a second; on an older page they only
/// raise <see cref="NewerAvailable"/>, so what the officer reads does not move under them.
/// </summary>
public sealed class ConsentTrailView(AuditService audit, IChainEvents changes, ILogger<ConsentTrailView> logger) : IDisposable
{
    public const int PageSize = 50;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly Stack<(ulong Block, int LogIndex)?> newer = new();
    private (ulong Block, int LogIndex)? shown;
    private int refreshing;

    public ConsentTrailQuery Query { get; private set; } = new(Limit: PageSize + 1);
    public IReadOnlyList<ConsentTrailEntry>? Entries { get; private set; }
    public bool HasOlder { get; private set; }
    public string? Problem { get; private set; }
    public bool NewerAvailable { get; private set; }
    public bool OnNewest => newer.Count == 0;
    public int PageNumber => newer.Count + 1;

    public event Action? Changed;

    public void Start() => changes.Changed += OnChainChanged;

    /// <summary>One more than a page is asked for, to know whether an older page follows.</summary>
    public Task ApplyAsync(ConsentTrailQuery query, CancellationToken cancellationToken)
    {
        Query = query with { Limit = PageSize + 1, Before = null };
        newer.Clear();
        return LoadAsync(null, cancellationToken);
    }

    public async Task OlderAsync(CancellationToken cancellationToken)
    {
        if (!HasOlder || Entries is not { Count: > 0 } entries) return;
        newer.Push(shown);
        await LoadAsync((entries[^1].At.BlockNumber, entries[^1].At.LogIndex), cancellationToken);
    }

    public async Task NewerAsync(CancellationToken cancellationToken)
    {
        if (newer.Count == 0) return;
        await LoadAsync(newer.Pop(), cancellationToken);
    }

    public Task NewestAsync(CancellationToken cancellationToken)
    {
        newer.Clear();
        return LoadAsync(null, cancellationToken);
    }

    private async Task LoadAsync((ulong Block, int LogIndex)? before, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await audit.TrailAsync(Query with { Before = before }, cancellationToken);
            Entries = rows.Take(PageSize).ToList();
            HasOlder = rows.Count > PageSize;
            shown = before;
            Problem = null;
            if (before is null) NewerAvailable = false;
        }
        catch (AuditException e)
        {
            Problem = e.Message;
            Entries = null;
        }
        catch (Npgsql.NpgsqlException e)
        {
            logger.LogWarning("Consent trail query failed: {Error}", e.Message);
            Problem = "the trail cannot be read right now (the database did not answer); try again in a moment";
        }
    }

    private void OnChainChanged(ChainChangeSet set)
    {
        if (!set.Touches(ChangeKind.Consent)) return;
        if (!OnNewest)
        {
            NewerAvailable = true;
            Changed?.Invoke();
            return;
        }
        if (Interlocked.Exchange(ref refreshing, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(Quiet);
            Interlocked.Exchange(ref refreshing, 0);
            if (OnNewest) await LoadAsync(null, CancellationToken.None);
            Changed?.Invoke();
        });
    }

    public void Dispose() => changes.Changed -= OnChainChanged;
}
