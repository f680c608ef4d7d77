using EmrMarket.Ledger.KeyStore;

namespace EmrMarket.Core.Wallets;

/// <summary>Where the vault that seals custodial keys comes from (its key is itself wrapped under the master key).</summary>
public interface IWalletVault
{
    Task<CustodialKeyVault> GetAsync(CancellationToken cancellationToken);
}
