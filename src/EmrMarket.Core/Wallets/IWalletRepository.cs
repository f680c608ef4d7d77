using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Wallets;

public interface IWalletRepository
{
    Task<Wallet?> FindByAccountAsync(Guid accountId, CancellationToken cancellationToken);

    Task<Wallet?> FindByAddressAsync(EthAddress address, CancellationToken cancellationToken);

    /// <summary>Stores a custodial wallet unless the account already has a wallet; returns the account's wallet.</summary>
    Task<Wallet> InsertCustodialIfAbsentAsync(Guid accountId, EthAddress address, byte[] sealedKey, CancellationToken cancellationToken);

    /// <summary>The address and sealed key of the account's custodial wallet in one read; null when it has none (or an external one).</summary>
    Task<(EthAddress Address, byte[] SealedKey)?> GetCustodialKeyAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Replaces the account's wallet with an external address (the custodial key, if any, is kept for its past earnings).</summary>
    Task LinkExternalAsync(Guid accountId, EthAddress address, CancellationToken cancellationToken);

    /// <summary>Records a sign-in nonce that is valid until <paramref name="expiresAt"/>.</summary>
    Task IssueNonceAsync(Guid accountId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Marks an unexpired, unused nonce of the account as used; false if there is none.</summary>
    Task<bool> ConsumeNonceAsync(Guid accountId, string nonce, DateTimeOffset now, CancellationToken cancellationToken);
}
