using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Internal;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>
/// A researcher buys with their own wallet: <see cref="PrepareAsync"/> gives the agreement and the permit to sign
/// (eth_signTypedData_v4); <see cref="AcceptAsync"/> checks both signatures against the linked wallet, stores the
/// agreement, and returns the purchaseWithPermit calldata. Sending it is the wallet's job; the platform never holds
/// that key and pays none of its gas.
/// </summary>
public sealed class WalletPurchaseService(
    IAccountRepository accounts,
    IWalletRepository wallets,
    IMarketReadModel market,
    IPurchaseStore purchases,
    EthRpc rpc,
    IChainDeployment deployment,
    IOptions<MarketOptions> options,
    TimeProvider clock)
{
    private static readonly TimeSpan SignatureAge = TimeSpan.FromHours(1);
    private readonly MarketChain _chain = new(rpc, deployment);

    /// <exception cref="MarketException">Wrong role, a custodial wallet, the price above what was accepted, or the offer not buyable.</exception>
    public async Task<WalletPurchaseToSign> PrepareAsync(ulong offerId, Guid accountId, PurchaseAcceptance acceptance, CancellationToken cancellationToken)
    {
        var (wallet, offer) = await CheckAsync(offerId, accountId, acceptance, cancellationToken);
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var agreement = new AgreementMessage(offerId, wallet, offer.Terms.ManifestHash, offer.Terms.Purpose, offer.Terms.Token, acceptance.AcceptedPrice,
            DataUseTerms.Current.Hash, (ulong)clock.GetUtcNow().ToUnixTimeSeconds());
        var permit = new PermitMessage(wallet, contracts.DataMarketplace, acceptance.AcceptedPrice,
            await _chain.PermitNonceAsync(offer.Terms.Token, wallet, cancellationToken), clock.GetUtcNow().Add(options.Value.PermitLifetime).ToUnixTimeSeconds());
        var permitDomain = await _chain.PermitDomainAsync(offer.Terms.Token, contracts.ChainId, cancellationToken);
        return new WalletPurchaseToSign(agreement, AgreementTypedData.ToJson(AgreementTypedData.Domain(contracts.ChainId, contracts.DataMarketplace), agreement),
            permit, PermitTypedData.ToJson(permitDomain, permit), DataUseTerms.Current);
    }

    /// <summary>Checks what the wallet signed, stores the agreement, and returns the transaction for the wallet to send.</summary>
    /// <exception cref="MarketException">A signature from another key, terms that do not match the offer, a stale or mismatched permit.</exception>
    public async Task<WalletPurchaseCall> AcceptAsync(Guid accountId, AgreementMessage agreement, string agreementSignature, PermitMessage permit,
        string permitSignature, CancellationToken cancellationToken)
    {
        var terms = DataUseTerms.Find(agreement.TermsHash) ?? throw new MarketException("the agreement names terms this platform never showed");
        var (wallet, offer) = await CheckAsync((ulong)agreement.OfferId, accountId, new PurchaseAcceptance(agreement.Price, terms.Version), cancellationToken);
        var contracts = await _chain.ContractsAsync(cancellationToken);
        if (agreement.Buyer != wallet) throw new MarketException($"the agreement is for {agreement.Buyer}, not your wallet {wallet}");
        if (agreement.ManifestHash != offer.Terms.ManifestHash || agreement.Purpose != offer.Terms.Purpose || agreement.Token != offer.Terms.Token)
            throw new MarketException($"the agreement's dataset, purpose or token is not offer {agreement.OfferId}'s");
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (agreement.SignedAt > (ulong)(now + 300) || agreement.SignedAt + (ulong)SignatureAge.TotalSeconds < (ulong)now)
            throw new MarketException("the agreement was signed too long ago (or in the future): sign it again");
        if (permit.Owner != wallet || permit.Spender != contracts.DataMarketplace || permit.Value != agreement.Price)
            throw new MarketException("the permit must let the marketplace take exactly the accepted price from your wallet");
        if (permit.Deadline <= now + 60) throw new MarketException("the permit's deadline has passed or is too close: sign it again");

        var digest = AgreementTypedData.Digest(AgreementTypedData.Domain(contracts.ChainId, contracts.DataMarketplace), agreement);
        var agreementSigned = Recover(agreementSignature, digest, wallet, "agreement");
        var permitDigest = PermitTypedData.Digest(await _chain.PermitDomainAsync(offer.Terms.Token, contracts.ChainId, cancellationToken), permit);
        var permitSigned = Recover(permitSignature, permitDigest, wallet, "permit");
        var call = PurchaseCalls.PurchaseWithPermit(agreement.OfferId, digest, agreement.Price, permit.Deadline, permitSigned);
        var stored = await purchases.InsertFromWalletAsync(new NewAgreement(accountId, agreement, terms.Version, digest, agreementSigned.ToBytes(), FromWallet: true),
            new NewPurchase(agreement.Price, permit.Nonce, permit.Deadline, call), cancellationToken);
        return new WalletPurchaseCall(stored.Id, wallet, contracts.DataMarketplace, call, digest);
    }

    private async Task<(EthAddress Wallet, ChainOffer Offer)> CheckAsync(ulong offerId, Guid accountId, PurchaseAcceptance acceptance,
        CancellationToken cancellationToken)
    {
        await RoleCheck.RequireAsync(accounts, accountId, Roles.Researcher, "buy licences", cancellationToken);
        var wallet = await wallets.FindByAccountAsync(accountId, cancellationToken) ?? throw new MarketException("link a wallet first");
        if (wallet.Kind != WalletKind.External) throw new MarketException("your wallet is held by the platform: buy with the platform's purchase instead");
        if (acceptance.TermsVersion != DataUseTerms.Current.Version)
            throw new MarketException($"the data use agreement is now version {DataUseTerms.Current.Version}: read it and accept it again");
        var offer = await market.OfferAsync(offerId, cancellationToken) ?? throw new MarketException($"offer {offerId} is not listed (or not indexed yet)");
        if (offer.Price > acceptance.AcceptedPrice)
            throw new MarketException($"the price of offer {offerId} is now {offer.Price}, above the {acceptance.AcceptedPrice} you accepted: review it and buy again");
        if (PurchaseRules.Refusal(offer, clock.GetUtcNow()) is { } refusal) throw new MarketException(refusal);
        return (wallet.Address, offer);
    }

    private static Signature Recover(string signatureHex, Hash32 digest, EthAddress wallet, string what)
    {
        try
        {
            var signature = Signature.Parse(signatureHex);
            var signer = signature.RecoverAddress(digest);
            return signer == wallet ? signature : throw new MarketException($"the {what} was signed by {signer}, not by your wallet {wallet}");
        }
        catch (LedgerFormatException e)
        {
            throw new MarketException($"the {what} signature is malformed: {e.Message}");
        }
    }
}
