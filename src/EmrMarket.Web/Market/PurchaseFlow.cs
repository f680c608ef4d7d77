using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Purchases;

namespace EmrMarket.Web.Market;

/// <summary>
/// One researcher buying one offer (scoped to a circuit): the quote, the purchase once accepted, and its status as
/// the outbox and the indexer move it on (pushed through <see cref="IChainEvents"/>). Refusals become
/// <see cref="Problem"/>, never exceptions.
/// </summary>
public sealed class PurchaseFlow(PurchaseService purchases, IChainEvents changes, ILogger<PurchaseFlow> logger) : IDisposable
{
    private Guid account;
    private ulong offer;
    private bool subscribed;

    public PurchaseQuote? Quote { get; private set; }
    public PurchaseView? Purchase { get; private set; }
    public string? Problem { get; private set; }
    public bool Busy { get; private set; }

    public event Action? Changed;

    /// <summary>Picks up a purchase of the offer still on its way (the page was reloaded meanwhile).</summary>
    public async Task StartAsync(Guid accountId, ulong offerId)
    {
        (account, offer) = (accountId, offerId);
        if (!subscribed) changes.Changed += OnChainChanged;
        subscribed = true;
        await RunAsync(async () => Purchase = (await purchases.ForAccountAsync(account, default)).FirstOrDefault(p => p.OfferId == offer && p.IsOpen));
    }

    public Task QuoteAsync(ulong offerId) => RunAsync(async () => Quote = await purchases.QuoteAsync(offerId, account, default));

    public Task PurchaseAsync(PurchaseQuote quote) => RunAsync(async () =>
        Purchase = await purchases.PurchaseAsync(quote.OfferId, account, new PurchaseAcceptance(quote.Price, quote.Terms.Version), default));

    private async Task RunAsync(Func<Task> action)
    {
        Busy = true;
        Problem = null;
        Changed?.Invoke();
        try
        {
            await action();
        }
        catch (MarketException e)
        {
            Problem = e.Message;
        }
        catch (ChainUnavailableException e)
        {
            Problem = $"the chain node cannot be reached ({e.Message}); nothing was paid. Try again in a moment";
        }
        catch (Npgsql.NpgsqlException e)
        {
            logger.LogWarning("Purchase flow for offer {OfferId}: database error {Error}", offer, e.Message);
            Problem = "the database did not answer; nothing was paid. Try again in a moment";
        }
        Busy = false;
        Changed?.Invoke();
    }

    private void OnChainChanged(ChainChangeSet set)
    {
        if (Purchase is not { IsOpen: true } open || !(set.Touches(ChangeKind.Outbox) || set.Touches(ChangeKind.Purchase))) return;
        _ = Task.Run(async () =>
        {
            try
            {
                Purchase = await purchases.GetAsync(open.Id, default) ?? Purchase;
                Changed?.Invoke();
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Purchase {PurchaseId} status refresh failed: {Error}", open.Id, e.Message);
            }
        });
    }

    public void Dispose()
    {
        if (subscribed) changes.Changed -= OnChainChanged;
    }
}
