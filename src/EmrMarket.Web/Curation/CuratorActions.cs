using System.Numerics;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Revocation;

namespace EmrMarket.Web.Curation;

/// <summary>
/// The curator's offer actions as the pages call them: each goes through <see cref="OfferService"/> (the outbox),
/// and a refusal comes back as a sentence to show, never an exception.
/// </summary>
public sealed class CuratorActions(OfferService offers, RevocationService revocations, ILogger<CuratorActions> logger)
{
    public Task<string?> ListAsync(Guid curator, Guid datasetId, BigInteger price, uint cap) =>
        RunAsync(() => offers.ListAsync(curator, new ListingRequest(datasetId, price, cap), default), "listing");

    public Task<string?> RepriceAsync(Guid curator, ulong offerId, BigInteger price) =>
        RunAsync(() => offers.RepriceAsync(curator, offerId, price, default), "repricing");

    public Task<string?> PauseAsync(Guid curator, ulong offerId) => RunAsync(() => offers.PauseAsync(curator, offerId, default), "pausing");

    public Task<string?> UnpauseAsync(Guid curator, ulong offerId) => RunAsync(() => offers.UnpauseAsync(curator, offerId, default), "unpausing");

    public Task<string?> DelistAsync(Guid curator, ulong offerId) => RunAsync(() => offers.DelistAsync(curator, offerId, default), "delisting");

    public async Task<string?> RetryRevocationAsync(ulong offerId, string requestedBy)
    {
        try
        {
            await revocations.RetryAsync(offerId, requestedBy, default);
            return null;
        }
        catch (RevocationException e)
        {
            return e.Message;
        }
    }

    private async Task<string?> RunAsync(Func<Task<OfferAction>> action, string what)
    {
        try
        {
            await action();
            return null;
        }
        catch (MarketException e)
        {
            return e.Message;
        }
        catch (ChainUnavailableException e)
        {
            return $"the chain node cannot be reached ({e.Message}); nothing was queued. Try again in a moment";
        }
        catch (Npgsql.NpgsqlException e)
        {
            logger.LogWarning("Curator {What} failed: {Error}", what, e.Message);
            return "the database did not answer; nothing was queued. Try again in a moment";
        }
    }
}
