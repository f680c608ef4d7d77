using EmrMarket.Core.Chain;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Consent;

/// <summary>
/// A patient grants or revokes purposes with an optional expiry. The change becomes an EIP-712 Consent signed by
/// the custodial key (<see cref="GrantAsync"/>) or by the patient's own wallet (<see cref="PrepareAsync"/>, then
/// <see cref="AcceptSignedAsync"/>), stored as a pending request for the relayer, and shown as pending until the
/// indexer sees the chain apply or skip it.
/// </summary>
public sealed class ConsentService(
    IConsentRequestStore requests,
    IConsentReadModel consents,
    IWalletRepository walletStore,
    WalletService wallets,
    IChainDeployment deployment,
    IOptions<ConsentOptions> options,
    TimeProvider clock)
{
    /// <summary>Sets the account's consent to exactly <paramref name="purposes"/> (none revokes all), signed with its custodial key.</summary>
    /// <exception cref="ConsentException">Undefined purposes or a past expiry.</exception>
    /// <exception cref="WalletException">The account's wallet is its own (it signs in the browser: use <see cref="PrepareAsync"/>).</exception>
    public async Task<ConsentRequest> GrantAsync(Guid accountId, Purpose purposes, DateTimeOffset? expiry, CancellationToken cancellationToken)
    {
        var expiresAt = Validate(purposes, ToUnix(expiry));
        var (patient, key) = await wallets.OpenCustodialSignerAsync(accountId, cancellationToken);
        var separator = await SeparatorAsync(cancellationToken);
        var deadline = Unix(clock.GetUtcNow() + options.Value.SignatureLifetime);
        var request = new NewConsentRequest(accountId, patient, purposes, expiresAt, deadline, ConsentSource.Custodial);
        return await requests.InsertAsync(request,
            nonce => key.Sign(ConsentTypedData.Digest(separator, new ConsentMessage(patient, purposes, expiresAt, nonce, deadline))).ToBytes(),
            cancellationToken);
    }

    /// <summary>Revokes every purpose.</summary>
    public Task<ConsentRequest> RevokeAllAsync(Guid accountId, CancellationToken cancellationToken) =>
        GrantAsync(accountId, Purpose.None, null, cancellationToken);

    /// <summary>The consent for the account's own wallet to sign, with the next nonce and a deadline.</summary>
    public async Task<ConsentToSign> PrepareAsync(Guid accountId, Purpose purposes, DateTimeOffset? expiry, CancellationToken cancellationToken)
    {
        var expiresAt = Validate(purposes, ToUnix(expiry));
        var wallet = await walletStore.FindByAccountAsync(accountId, cancellationToken) ?? throw new ConsentException("link a wallet first");
        var contracts = await deployment.GetAsync(cancellationToken);
        var nonce = await requests.NextNonceAsync(wallet.Address, cancellationToken);
        var message = new ConsentMessage(wallet.Address, purposes, expiresAt, nonce, Unix(clock.GetUtcNow() + options.Value.SignatureLifetime));
        return new ConsentToSign(message, ConsentTypedData.ToJson(ConsentTypedData.Domain(contracts.ChainId, contracts.ConsentRegistry), message));
    }

    /// <summary>
    /// Queues a consent the account's wallet signed, after checking it: signed by that wallet for this patient,
    /// defined purposes, a future expiry, a deadline neither passed nor too far, and the patient's next nonce.
    /// </summary>
    /// <exception cref="ConsentException">Any check failed; the message names which.</exception>
    public async Task<ConsentRequest> AcceptSignedAsync(Guid accountId, ConsentMessage message, string signatureHex, CancellationToken cancellationToken)
    {
        var wallet = await walletStore.FindByAccountAsync(accountId, cancellationToken) ?? throw new ConsentException("link a wallet first");
        if (message.Patient != wallet.Address) throw new ConsentException($"the consent is for {message.Patient}, not your wallet {wallet.Address}");
        Validate(message.Purposes, message.Expiry);
        var now = clock.GetUtcNow();
        if (message.Deadline <= Unix(now + TimeSpan.FromMinutes(1))) throw new ConsentException("the signature's deadline has passed or is too close; sign again");
        if (message.Deadline > Unix(now + options.Value.MaxWalletSignatureLifetime))
            throw new ConsentException($"the signature's deadline is more than {options.Value.MaxWalletSignatureLifetime.TotalDays:0} days away");

        byte[] signature;
        EthAddress signer;
        try
        {
            var parsed = Signature.Parse(signatureHex);
            signer = parsed.RecoverAddress(ConsentTypedData.Digest(await SeparatorAsync(cancellationToken), message));
            signature = parsed.ToBytes();
        }
        catch (LedgerFormatException e)
        {
            throw new ConsentException($"the signature is malformed: {e.Message}");
        }
        if (signer != wallet.Address) throw new ConsentException($"the consent was signed by {signer}, not by your wallet {wallet.Address}");

        var request = new NewConsentRequest(accountId, wallet.Address, message.Purposes, message.Expiry, message.Deadline, ConsentSource.Wallet, message.Nonce);
        return await requests.InsertAsync(request, _ => signature, cancellationToken);
    }

    /// <summary>The patient's consent page: on chain, pending, and the trail.</summary>
    public async Task<ConsentView> GetViewAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var wallet = await walletStore.FindByAccountAsync(accountId, cancellationToken) ?? throw new ConsentException("this account has no wallet yet");
        var current = await consents.CurrentAsync(wallet.Address, cancellationToken);
        var recent = await requests.ForAccountAsync(accountId, 20, cancellationToken);
        var history = await consents.HistoryAsync(new ConsentHistoryQuery(wallet.Address, Limit: 100), cancellationToken);
        return new ConsentView(wallet.Address, wallet.Kind, current, recent.FirstOrDefault(r => r.IsOpen), recent, history);
    }

    /// <summary>The contract's rules for the terms (_validateTerms), checked before anything is signed.</summary>
    private ulong Validate(Purpose purposes, ulong expiry)
    {
        if (!Purposes.AreDefined(purposes)) throw new ConsentException($"unknown purposes: bits 0x{(ulong)(purposes & ~Purposes.All):x} are not defined");
        if (purposes != Purpose.None && expiry != 0 && expiry <= Unix(clock.GetUtcNow())) throw new ConsentException("the expiry date has already passed");
        return expiry;
    }

    private static ulong ToUnix(DateTimeOffset? time) => time is { } at ? Unix(at) : 0;

    private async Task<Hash32> SeparatorAsync(CancellationToken cancellationToken)
    {
        var contracts = await deployment.GetAsync(cancellationToken);
        return ConsentTypedData.Domain(contracts.ChainId, contracts.ConsentRegistry).Separator();
    }

    private static ulong Unix(DateTimeOffset time) => (ulong)Math.Max(0, time.ToUnixTimeSeconds());
}
