using System.Security.Cryptography;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Wallets;

/// <summary>
/// Gives every patient and researcher an address: a custodial key the platform holds sealed, or their own
/// wallet linked with an EIP-4361 signature.
/// </summary>
public sealed class WalletService(IWalletRepository wallets, IWalletVault vaults, TimeProvider clock)
{
    public static readonly TimeSpan LinkValidity = TimeSpan.FromMinutes(10);

    public async Task<Wallet> EnsureCustodialWalletAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var existing = await wallets.FindByAccountAsync(accountId, cancellationToken);
        if (existing is not null) return existing;
        var (address, sealedKey) = (await vaults.GetAsync(cancellationToken)).CreateKey();
        return await wallets.InsertCustodialIfAbsentAsync(accountId, address, sealedKey, cancellationToken);
    }

    /// <summary>The key that signs for a custodial wallet. External wallets sign in the person's own wallet.</summary>
    public async Task<PrivateKey> OpenCustodialKeyAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await OpenCustodialSignerAsync(accountId, cancellationToken)).Key;

    /// <summary>
    /// The custodial wallet's address and key in one read (for signing many times a second); the address is the one
    /// the key was sealed for, so it need not be derived from the key again.
    /// </summary>
    public async Task<(EthAddress Address, PrivateKey Key)> OpenCustodialSignerAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (await wallets.GetCustodialKeyAsync(accountId, cancellationToken) is { } custodial)
            return (custodial.Address, (await vaults.GetAsync(cancellationToken)).Open(custodial.Address, custodial.SealedKey));
        var wallet = await wallets.FindByAccountAsync(accountId, cancellationToken)
            ?? throw new WalletException("this account has no wallet yet");
        if (wallet.Kind != WalletKind.Custodial)
            throw new WalletException($"{wallet.Address} is your own wallet: sign in it, the platform holds no key for it");
        throw new WalletException("the custodial key is missing");
    }

    /// <summary>Creates the EIP-4361 message an account signs to link <paramref name="address"/>.</summary>
    public async Task<SiweMessage> StartLinkAsync(Guid accountId, EthAddress address, string domain, Uri uri, ulong chainId,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await wallets.IssueNonceAsync(accountId, nonce, now + LinkValidity, cancellationToken);
        return new SiweMessage(domain, address, "Link this wallet to my EmrMarket account.", uri, chainId, nonce, now, now + LinkValidity);
    }

    /// <summary>
    /// Links the wallet that signed <paramref name="messageText"/> (EIP-191 personal_sign) if the message is
    /// ours: our domain and chain, a nonce we issued to this account and not used, not expired.
    /// </summary>
    public async Task<Wallet> CompleteLinkAsync(Guid accountId, string messageText, string signatureHex, string domain, ulong chainId,
        CancellationToken cancellationToken)
    {
        var message = SiweMessage.Parse(messageText);
        var now = clock.GetUtcNow();
        if (message.Domain != domain) throw new WalletException($"the message is for {message.Domain}, not {domain}");
        if (message.ChainId != chainId) throw new WalletException($"the message is for chain {message.ChainId}, not {chainId}");
        if (message.ExpirationTime <= now) throw new WalletException("the message has expired; start again");

        EthAddress signer;
        try
        {
            signer = Signature.Parse(signatureHex).RecoverAddress(Eip191.Hash(System.Text.Encoding.UTF8.GetBytes(messageText)));
        }
        catch (LedgerFormatException e)
        {
            throw new WalletException($"the signature is malformed: {e.Message}");
        }
        if (signer != message.Address) throw new WalletException($"the signature was made by {signer}, not {message.Address}");
        if (await wallets.FindByAddressAsync(signer, cancellationToken) is { } other && other.AccountId != accountId)
            throw new WalletException($"{signer} is already linked to another account");
        if (!await wallets.ConsumeNonceAsync(accountId, message.Nonce, now, cancellationToken))
            throw new WalletException("this sign-in message was already used or was not issued to you; start again");

        await wallets.LinkExternalAsync(accountId, signer, cancellationToken);
        return new Wallet(accountId, signer, WalletKind.External, now);
    }
}
