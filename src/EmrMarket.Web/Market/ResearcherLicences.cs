using EmrMarket.Core.Catalog;
using EmrMarket.Core.Wallets;

namespace EmrMarket.Web.Market;

/// <summary>The offers a researcher's wallet holds licences for.</summary>
public sealed class ResearcherLicences(IWalletRepository wallets, ICatalogQueries catalog)
{
    /// <summary>The account's wallet (null if it has none) and its licences, newest offer first.</summary>
    public async Task<(Wallet? Wallet, IReadOnlyList<CatalogEntry> Licences)> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var wallet = await wallets.FindByAccountAsync(accountId, cancellationToken);
        return wallet is null ? (null, []) : (wallet, await catalog.HeldByAsync(wallet.Address, cancellationToken));
    }
}
