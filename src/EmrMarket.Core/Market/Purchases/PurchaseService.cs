using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Internal;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>
/// A researcher with a custodial wallet buys a licence: <see cref="QuoteAsync"/> shows price, fee, the patients'
/// part, balance and gas first; <see cref="PurchaseAsync"/> signs the data use agreement (EIP-712, stored with its
/// digest) and an EIP-2612 permit with the custodial key, and queues one purchaseWithPermit transaction from that
/// wallet (the outbox tops up its gas). Status: pending → licensed, or failed with the decoded reason. External
/// wallets use <see cref="WalletPurchaseService"/>.
/// </summary>
public sealed class PurchaseService(
    IAccountRepository accounts,
    IWalletRepository wallets,
    WalletService walletKeys,
    IDatasetStore datasets,
    IMarketReadModel market,
    IPurchaseStore purchases,
    IOutbox outbox,
    EthRpc rpc,
    IChainDeployment deployment,
    IOptions<MarketOptions> options,
    TimeProvider clock)
{
    private static readonly Hash32 QuoteAgreement = Keccak256.Hash("EmrMarket quote: not an agreement");
    private readonly MarketChain _chain = new(rpc, deployment);

    /// <summary>The cost of buying <paramref name="offerId"/> and whether it can be bought now.</summary>
    /// <exception cref="MarketException">Wrong role, no wallet, or no such offer.</exception>
    /// <exception cref="ChainUnavailableException">The node could not be asked for the balance or fee.</exception>
    public async Task<PurchaseQuote> QuoteAsync(ulong offerId, Guid accountId, CancellationToken cancellationToken)
    {
        await RoleCheck.RequireAsync(accounts, accountId, Roles.Researcher, "buy licences", cancellationToken);
        var wallet = await wallets.FindByAccountAsync(accountId, cancellationToken) ?? throw new MarketException("this account has no wallet yet");
        var offer = await OfferAsync(offerId, cancellationToken);
        var dataset = await datasets.FindByOfferAsync(offerId, cancellationToken);
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var token = await _chain.TokenAsync(offer.Terms.Token, cancellationToken);
        var feeBps = await _chain.FeeBpsAsync(contracts, cancellationToken);
        var balance = await _chain.BalanceAsync(token.Address, wallet.Address, cancellationToken);
        var refusal = PurchaseRules.Refusal(offer, clock.GetUtcNow())
            ?? await OwnedRefusalAsync(accountId, wallet.Address, offerId, cancellationToken)
            ?? PurchaseRules.BalanceRefusal(token, balance, offer.Price);

        GasEstimate? gas = null;
        if (refusal is null && wallet.Kind == WalletKind.Custodial)
        {
            var (_, key) = await CustodialKeyAsync(accountId, cancellationToken);
            var nonce = await _chain.PermitNonceAsync(token.Address, wallet.Address, cancellationToken);
            var deadline = Deadline();
            var permit = new PermitMessage(wallet.Address, contracts.DataMarketplace, offer.Price, nonce, deadline);
            var signature = key.Sign(PermitTypedData.Digest(await _chain.PermitDomainAsync(token.Address, contracts.ChainId, cancellationToken), permit));
            var call = new CallRequest(contracts.DataMarketplace,
                PurchaseCalls.PurchaseWithPermit(offerId, QuoteAgreement, offer.Price, deadline, signature), wallet.Address);
            (gas, var revert) = await _chain.EstimateAsync(call, contracts, paidByPlatform: true, cancellationToken);
            refusal = revert is null ? null : $"the purchase would fail now: {revert}";
        }
        var fee = PurchaseRules.Fee(offer.Price, feeBps);
        return new PurchaseQuote(offerId, dataset?.Id, dataset?.Title ?? $"Offer {offerId}", offer.Terms.Purpose, token, offer.Price, feeBps, fee,
            offer.Price - fee, wallet.Address, wallet.Kind == WalletKind.External, balance, gas, refusal, DataUseTerms.Current);
    }

    /// <summary>
    /// Signs the agreement and the permit with the account's custodial key and queues the purchase. Asking again
    /// while it is on its way returns the same purchase.
    /// </summary>
    /// <exception cref="MarketException">Wrong role, an external wallet, the price above what was accepted, old terms, or the offer not buyable.</exception>
    /// <exception cref="ChainUnavailableException">The node could not be reached: nothing was stored or sent.</exception>
    public async Task<PurchaseView> PurchaseAsync(ulong offerId, Guid accountId, PurchaseAcceptance acceptance, CancellationToken cancellationToken)
    {
        await RoleCheck.RequireAsync(accounts, accountId, Roles.Researcher, "buy licences", cancellationToken);
        if (acceptance.TermsVersion != DataUseTerms.Current.Version)
            throw new MarketException($"the data use agreement is now version {DataUseTerms.Current.Version}: read it and accept it again");
        var offer = await OfferAsync(offerId, cancellationToken);
        if (offer.Price > acceptance.AcceptedPrice)
            throw new MarketException($"the price of offer {offerId} is now {offer.Price}, above the {acceptance.AcceptedPrice} you accepted: review it and buy again");
        if (PurchaseRules.Refusal(offer, clock.GetUtcNow()) is { } refusal) throw new MarketException(refusal);
        var (buyer, key) = await CustodialKeyAsync(accountId, cancellationToken);
        if (await OwnedRefusalAsync(accountId, buyer, offerId, cancellationToken, countOpen: false) is { } owned) throw new MarketException(owned);

        var contracts = await _chain.ContractsAsync(cancellationToken);
        var token = await _chain.TokenAsync(offer.Terms.Token, cancellationToken);
        if (PurchaseRules.BalanceRefusal(token, await _chain.BalanceAsync(token.Address, buyer, cancellationToken), offer.Price) is { } poor)
            throw new MarketException(poor + ": top it up first");
        var chainNonce = await _chain.PermitNonceAsync(token.Address, buyer, cancellationToken);
        var permitDomain = await _chain.PermitDomainAsync(token.Address, contracts.ChainId, cancellationToken);
        var agreementDomain = AgreementTypedData.Domain(contracts.ChainId, contracts.DataMarketplace);
        var maxPrice = acceptance.AcceptedPrice;
        var signedAt = (ulong)clock.GetUtcNow().ToUnixTimeSeconds();

        byte[]? callData = null;
        var stored = await purchases.InsertCustodialAsync(accountId, offerId, buyer, token.Address, unsettled =>
        {
            var message = new AgreementMessage(offerId, buyer, offer.Terms.ManifestHash, offer.Terms.Purpose, token.Address, maxPrice,
                DataUseTerms.Current.Hash, signedAt);
            var digest = AgreementTypedData.Digest(agreementDomain, message);
            var permit = new PermitMessage(buyer, contracts.DataMarketplace, maxPrice, chainNonce + unsettled, Deadline());
            var call = PurchaseCalls.PurchaseWithPermit(offerId, digest, maxPrice, permit.Deadline, key.Sign(PermitTypedData.Digest(permitDomain, permit)));
            callData = call;
            return (new NewAgreement(accountId, message, DataUseTerms.Current.Version, digest, key.Sign(digest).ToBytes(), FromWallet: false),
                new NewPurchase(maxPrice, permit.Nonce, permit.Deadline, call));
        }, cancellationToken);
        // A purchase returned again (already stored) is sent by whoever stored it, or by ResumeAsync.
        if (stored.Write is null && callData is not null) await SendAsync(new UnsentPurchase(stored.Id, accountId, stored.AgreementHash, callData), cancellationToken);
        return await purchases.GetAsync(stored.Id, cancellationToken) ?? stored;
    }

    public Task<PurchaseView?> GetAsync(long purchaseId, CancellationToken cancellationToken) => purchases.GetAsync(purchaseId, cancellationToken);

    /// <summary>The account's purchases, newest first, with their status.</summary>
    public Task<IReadOnlyList<PurchaseView>> ForAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        purchases.ForAccountAsync(accountId, cancellationToken);

    /// <summary>The signed agreement a purchase (or a Purchased event's agreementHash) refers to.</summary>
    public Task<StoredAgreement?> AgreementAsync(Hash32 agreementHash, CancellationToken cancellationToken) =>
        purchases.AgreementAsync(agreementHash, cancellationToken);

    /// <summary>Queues the custodial purchases stored without an outbox row (the app stopped in between); returns how many.</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var unsent = await purchases.UnsentAsync(cancellationToken);
        foreach (var purchase in unsent) await SendAsync(purchase, cancellationToken);
        return unsent.Count;
    }

    private async Task SendAsync(UnsentPurchase purchase, CancellationToken cancellationToken)
    {
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var key = $"{MarketOutboxKinds.Purchase}:{contracts.DataMarketplace.ToLowerHex()}:{purchase.AgreementHash}";
        var id = await outbox.EnqueueAsync(new OutboxRequest(key, MarketOutboxKinds.Purchase, OutboxSigner.Account(purchase.AccountId),
            contracts.DataMarketplace, purchase.CallData), cancellationToken);
        await purchases.SetOutboxAsync(purchase.Id, id, cancellationToken);
    }

    private async Task<ChainOffer> OfferAsync(ulong offerId, CancellationToken cancellationToken) =>
        await market.OfferAsync(offerId, cancellationToken) ?? throw new MarketException($"offer {offerId} is not listed (or not indexed yet)");

    private async Task<string?> OwnedRefusalAsync(Guid accountId, EthAddress buyer, ulong offerId, CancellationToken cancellationToken, bool countOpen = true)
    {
        if (await market.HoldsLicenceAsync(buyer, offerId, cancellationToken)) return $"you already hold a licence for offer {offerId}";
        if (!countOpen) return null;
        var open = (await purchases.ForAccountAsync(accountId, cancellationToken)).FirstOrDefault(p => p.OfferId == offerId && p.IsOpen);
        return open is null ? null : $"your purchase of offer {offerId} is on its way";
    }

    private async Task<(EthAddress Address, Ledger.Crypto.PrivateKey Key)> CustodialKeyAsync(Guid accountId, CancellationToken cancellationToken)
    {
        try
        {
            return await walletKeys.OpenCustodialSignerAsync(accountId, cancellationToken);
        }
        catch (WalletException e)
        {
            throw new MarketException($"{e.Message} (buy with your own wallet through the wallet purchase instead)");
        }
    }

    private BigInteger Deadline() => clock.GetUtcNow().Add(options.Value.PermitLifetime).ToUnixTimeSeconds();
}
