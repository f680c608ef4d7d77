using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Consent;

namespace EmrMarket.Web.Compliance;

/// <summary>
/// The compliance officer's consent trail (scoped to a circuit): a filter, the current page, the way back to newer
/// pages, and live updates. New changes reload the newest page at most once a second; on an older page they only
/// raise <see cref="NewerAvailable"/>, so what the officer reads does not move under them.
/// </summary>
public sealed class ConsentTrailView(IConsentTrail trail, IChainEvents changes, ILogger<ConsentTrailView> logger) : IDisposable
{
    public const int PageSize = 50;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly Stack<TrailPosition?> newer = new();
    private TrailPosition? shown;
    private int refreshing;

    public ConsentTrailFilter Filter { get; private set; } = new(PageSize: PageSize);
    public ConsentTrailPage? Page { get; private set; }
    public string? Problem { get; private set; }
    public bool NewerAvailable { get; private set; }
    public bool OnNewest => newer.Count == 0;
    public int PageNumber => newer.Count + 1;

    public event Action? Changed;

    public void Start() => changes.Changed += OnChainChanged;

    public Task ApplyAsync(ConsentTrailFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter with { PageSize = PageSize, Before = null };
        newer.Clear();
        return LoadAsync(null, cancellationToken);
    }

    public async Task OlderAsync(CancellationToken cancellationToken)
    {
        if (Page?.Next is not { } next) return;
        newer.Push(shown);
        await LoadAsync(next, cancellationToken);
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

    private async Task LoadAsync(TrailPosition? before, CancellationToken cancellationToken)
    {
        try
        {
            Page = await trail.PageAsync(Filter with { Before = before }, cancellationToken);
            shown = before;
            Problem = null;
            if (before is null) NewerAvailable = false;
        }
        catch (ConsentException e)
        {
            Problem = e.Message;
            Page = null;
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
