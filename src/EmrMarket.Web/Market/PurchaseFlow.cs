using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Web.Wallets;

namespace EmrMarket.Web.Market;

/// <summary>
/// One researcher buying one offer (scoped to a circuit): the quote, the purchase once accepted, and its status as
/// the outbox and the indexer move it on (pushed through <see cref="IChainEvents"/>). Refusals become
/// <see cref="Problem"/>, never exceptions. A researcher with their own wallet signs and sends in the browser wallet.
/// </summary>
public sealed class PurchaseFlow(PurchaseService purchases, WalletPurchaseService walletPurchases, BrowserWallet wallet, IChainEvents changes,
    ILogger<PurchaseFlow> logger) : IDisposable
{
    private const string NothingPaid = "Nothing was stored or paid";
    private Guid account;
    private ulong offer;
    private bool subscribed;
    private WalletPurchaseCall? unsent;

    public PurchaseQuote? Quote { get; private set; }
    public PurchaseView? Purchase { get; private set; }
    public string? Problem { get; private set; }
    public bool Busy { get; private set; }

    /// <summary>The purchase transaction the researcher's own wallet sent, until the indexer reads it.</summary>
    public Hash32? WalletTransaction { get; private set; }

    /// <summary>The agreement is stored but the wallet did not send the purchase: it can be asked again.</summary>
    public bool CanSendFromWallet => unsent is not null && Purchase?.Status == PurchaseStatus.AwaitingWallet;

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

    /// <summary>
    /// The browser wallet signs the agreement and the permit (eth_signTypedData_v4), the platform checks and stores
    /// them, and the wallet sends purchaseWithPermit itself (eth_sendTransaction).
    /// </summary>
    public Task PurchaseWithWalletAsync(PurchaseQuote quote) => RunAsync(async () =>
    {
        if (!await wallet.IsAvailableAsync())
        {
            Problem = $"no browser wallet was found on this page: open it where your wallet (MetaMask or the like) is installed. {NothingPaid}";
            return;
        }
        var shared = await wallet.RequestAccountAsync();
        if (!shared.Succeeded)
        {
            Problem = $"your wallet did not share its account: {shared.Error}. {NothingPaid}";
            return;
        }
        if (!EthAddress.TryParse(shared.Value, out var current) || current != quote.Buyer)
        {
            Problem = $"your wallet is on account {shared.Value}, but your EmrMarket account uses {quote.Buyer}: switch accounts in the wallet and try again. {NothingPaid}";
            return;
        }
        var toSign = await walletPurchases.PrepareAsync(quote.OfferId, account, new PurchaseAcceptance(quote.Price, quote.Terms.Version), default);
        var agreement = await wallet.SignTypedDataAsync(quote.Buyer.ToString(), toSign.AgreementJson);
        if (!agreement.Succeeded)
        {
            Problem = $"your wallet did not sign the agreement: {agreement.Error}. {NothingPaid}";
            return;
        }
        var permit = await wallet.SignTypedDataAsync(quote.Buyer.ToString(), toSign.PermitJson);
        if (!permit.Succeeded)
        {
            Problem = $"your wallet did not sign the payment permit: {permit.Error}. {NothingPaid}";
            return;
        }
        unsent = await walletPurchases.AcceptAsync(account, toSign.Agreement, agreement.Value!, toSign.Permit, permit.Value!, default);
        Purchase = await purchases.GetAsync(unsent.PurchaseId, default);
        await SendUnsentAsync();
    });

    /// <summary>Asks the wallet again to send the accepted purchase (it refused or failed the first time).</summary>
    public Task SendFromWalletAsync() => RunAsync(SendUnsentAsync);

    private async Task SendUnsentAsync()
    {
        if (unsent is not { } call) return;
        var sent = await wallet.SendTransactionAsync(call.From.ToString(), call.To.ToString(), Hex.Encode(call.Data));
        if (!sent.Succeeded)
        {
            Problem = $"your wallet did not send the purchase: {sent.Error}. Nothing was paid; send it from your wallet again";
            return;
        }
        try
        {
            WalletTransaction = Hash32.Parse(sent.Value!);
            unsent = null;
        }
        catch (LedgerFormatException)
        {
            Problem = $"your wallet answered \"{sent.Value}\", which is not a transaction hash; check the wallet's activity before sending again";
        }
    }

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
        catch (OperationCanceledException)
        {
            Problem = "your wallet did not answer in time; nothing was paid unless the wallet shows a sent purchase. Try again";
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
        if (Purchase is not { Status: PurchaseStatus.Pending or PurchaseStatus.AwaitingWallet } open || !(set.Touches(ChangeKind.Outbox) || set.Touches(ChangeKind.Purchase))) return;
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
