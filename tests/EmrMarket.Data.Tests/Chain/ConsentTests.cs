using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>Consent end to end: signed, queued, relayed in batches, confirmed on anvil and indexed.</summary>
public sealed class ConsentTests(ChainDatabase db) : IClassFixture<ChainDatabase>
{
    private Contract Registry => new(db.Chain.Rpc, db.Chain.Address(ContractArtifacts.ConsentRegistry), ChainContracts.Abi(ContractArtifacts.ConsentRegistry));

    private async Task<(Guid Account, Wallet Wallet)> PatientAsync(ChainApp app)
    {
        var account = await db.NewAccountAsync();
        return (account, await app.Get<WalletService>().EnsureCustodialWalletAsync(account, default));
    }

    private static async Task<ConsentRequest> SettledAsync(ChainApp app, long id)
    {
        ConsentRequest? request = null;
        await Eventually.WaitAsync(async () => (request = await app.Get<IConsentRequestStore>().GetAsync(id, default))!.Status
            is ConsentRequestStatus.Confirmed or ConsentRequestStatus.Rejected, $"consent request {id} settled");
        return request!;
    }

    [Fact]
    public async Task GrantAsync_CustodialPatient_PendingThenConfirmedWithTransaction()
    {
        await using var app = await db.StartAppAsync();
        var (account, wallet) = await PatientAsync(app);
        var service = app.Get<ConsentService>();

        var request = await service.GrantAsync(account, Purpose.AcademicResearch | Purpose.PublicHealth, DateTimeOffset.UtcNow.AddYears(1), default);
        Assert.Equal(ConsentRequestStatus.Pending, request.Status);
        var settled = await SettledAsync(app, request.Id);
        var view = await service.GetViewAsync(account, default);

        Assert.Equal(ConsentRequestStatus.Confirmed, settled.Status);
        Assert.Null(view.Pending);
        Assert.Equal(Purpose.AcademicResearch | Purpose.PublicHealth, view.Current!.Purposes);
        Assert.Equal(settled.TransactionHash, view.Current.At.TransactionHash);
        Assert.Equal(db.Chain.Relayer.Address, view.Current.Submitter);
        Assert.True(await Registry.CallAsync<bool>("hasConsent", wallet.Address, (ulong)Purpose.PublicHealth));
    }

    [Fact]
    public async Task GrantAsync_QuickSuccessiveChanges_ConsecutiveNoncesAllAppliedInOrder()
    {
        await using var app = await db.StartAppAsync();
        var (account, wallet) = await PatientAsync(app);
        var service = app.Get<ConsentService>();
        Purpose[] changes = [Purpose.AcademicResearch, Purpose.AiTraining, Purpose.None, Purpose.GeneticStudies, Purpose.ClinicalTrials | Purpose.PublicHealth];

        var requests = await Task.WhenAll(changes.Select(p => service.GrantAsync(account, p, null, default)));
        var settled = new List<ConsentRequest>();
        foreach (var request in requests) settled.Add(await SettledAsync(app, request.Id));

        Assert.Equal([0ul, 1, 2, 3, 4], settled.Select(r => r.Message.Nonce).Order().ToArray());
        Assert.All(settled, r => Assert.Equal(ConsentRequestStatus.Confirmed, r.Status));
        var last = settled.MaxBy(r => r.Message.Nonce)!;
        var onChain = (object?[])(await Registry.CallAsync("consentOf", [wallet.Address]))[0]!;
        Assert.Equal((ulong)last.Message.Purposes, (ulong)(System.Numerics.BigInteger)onChain[0]!);
        Assert.Equal(5ul, (ulong)(System.Numerics.BigInteger)onChain[2]!);
        var history = await app.Get<IConsentReadModel>().HistoryAsync(new ConsentHistoryQuery(wallet.Address), default);
        Assert.Equal(settled.OrderByDescending(r => r.Message.Nonce).Select(r => r.Message.Purposes), history.Select(h => h.Purposes));
    }

    [Fact]
    public async Task Relayer_BadSignatureInBatch_RejectsOnlyThatRequest()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var store = app.Get<IConsentRequestStore>();
        var service = app.Get<ConsentService>();
        var good = new List<ConsentRequest>();
        for (var i = 0; i < 3; i++) good.Add(await service.GrantAsync((await PatientAsync(app)).Account, Purpose.AcademicResearch, null, default));
        var (victim, wallet) = await PatientAsync(app);
        var forger = PrivateKey.Generate();
        var separator = ConsentTypedData.Domain(db.Chain.ChainId, Registry.Address).Separator();
        var deadline = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var forged = await store.InsertAsync(new NewConsentRequest(victim, wallet.Address, Purpose.AiTraining, 0, deadline, ConsentSource.Wallet),
            nonce => forger.Sign(ConsentTypedData.Digest(separator, new ConsentMessage(wallet.Address, Purpose.AiTraining, 0, nonce, deadline))).ToBytes(),
            default);
        good.Add(await service.GrantAsync((await PatientAsync(app)).Account, Purpose.AcademicResearch, null, default));

        await using var workers = await db.StartAppAsync();
        var rejected = await SettledAsync(workers, forged.Id);
        var confirmed = new List<ConsentRequest>();
        foreach (var request in good) confirmed.Add(await SettledAsync(workers, request.Id));

        Assert.Equal(ConsentRequestStatus.Rejected, rejected.Status);
        Assert.Equal(ConsentRejection.BadSignature, rejected.RejectReason);
        Assert.Contains("signature", rejected.RejectionText);
        Assert.All(confirmed, r => Assert.Equal(ConsentRequestStatus.Confirmed, r.Status));
        Assert.Single(confirmed.Concat([rejected]).Select(r => r.OutboxId).Distinct());
        Assert.False(await Registry.CallAsync<bool>("hasConsent", wallet.Address, (ulong)Purpose.AiTraining));
    }

    [Fact]
    public async Task AcceptSignedAsync_WalletSignature_CheckedThenRelayed()
    {
        await using var app = await db.StartAppAsync();
        var account = await db.NewAccountAsync();
        var wallet = PrivateKey.Generate();
        await app.Get<IWalletRepository>().LinkExternalAsync(account, wallet.Address, default);
        var service = app.Get<ConsentService>();

        var toSign = await service.PrepareAsync(account, Purpose.GeneticStudies, null, default);
        var typed = TypedData.FromJson(toSign.TypedDataJson);
        var signature = wallet.SignTypedData(typed).ToString();
        var stranger = PrivateKey.Generate().SignTypedData(typed).ToString();

        var wrongSigner = await Assert.ThrowsAsync<ConsentException>(() => service.AcceptSignedAsync(account, toSign.Message, stranger, default));
        Assert.Contains("not by your wallet", wrongSigner.Message);
        var stale = toSign.Message with { Nonce = toSign.Message.Nonce + 1 };
        await Assert.ThrowsAsync<ConsentException>(() => service.AcceptSignedAsync(account, stale, wallet.SignTypedData(
            TypedData.FromJson(Core.Consent.ConsentTypedData.ToJson(ConsentTypedData.Domain(db.Chain.ChainId, Registry.Address), stale))).ToString(), default));
        var expired = await Assert.ThrowsAsync<ConsentException>(() => service.AcceptSignedAsync(account, toSign.Message with { Deadline = 1 }, signature, default));
        Assert.Contains("deadline", expired.Message);
        await Assert.ThrowsAsync<ConsentException>(() => service.AcceptSignedAsync(account, toSign.Message, "0x1234", default));
        await Assert.ThrowsAsync<WalletException>(() => service.GrantAsync(account, Purpose.GeneticStudies, null, default));

        var accepted = await service.AcceptSignedAsync(account, toSign.Message, signature, default);
        var settled = await SettledAsync(app, accepted.Id);

        Assert.Equal(ConsentRequestStatus.Confirmed, settled.Status);
        Assert.True(await Registry.CallAsync<bool>("hasConsent", wallet.Address, (ulong)Purpose.GeneticStudies));
    }

    [Fact]
    public async Task ConsentTypedData_Digest_EqualsTheRegistrysHashConsent()
    {
        var message = new ConsentMessage(PrivateKey.Generate().Address, Purpose.ClinicalTrials | Purpose.AiTraining, 1_900_000_000, 7, 1_800_000_123);
        var separator = ConsentTypedData.Domain(db.Chain.ChainId, Registry.Address).Separator();

        var onChain = await Registry.CallAsync<byte[]>("hashConsent", message.Patient, (ulong)message.Purposes, message.Expiry, message.Nonce, message.Deadline);

        Assert.Equal(onChain, ConsentTypedData.Digest(separator, message).ToArray());
        Assert.Equal(onChain, TypedData.FromJson(ConsentTypedData.ToJson(ConsentTypedData.Domain(db.Chain.ChainId, Registry.Address), message)).Digest().ToArray());
    }

    [Fact]
    public async Task GrantAsync_BadTerms_RefusedBeforeSigning()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var (account, _) = await PatientAsync(app);
        var service = app.Get<ConsentService>();

        await Assert.ThrowsAsync<ConsentException>(() => service.GrantAsync(account, (Purpose)(1ul << 9), null, default));
        await Assert.ThrowsAsync<ConsentException>(() => service.GrantAsync(account, Purpose.PublicHealth, DateTimeOffset.UtcNow.AddDays(-1), default));
        Assert.Empty(await app.Get<IConsentRequestStore>().ForAccountAsync(account, 10, default));
    }

    [Fact]
    public async Task Relayer_BatchTransactionFails_RequestsRejectedWithTheReason()
    {
        // Too little gas per consent: the batch runs out of gas on chain.
        await using var app = await db.StartAppAsync(settings: new Dictionary<string, string?> { ["Consent:GasPerConsent"] = "1000", ["Consent:GasPerBatch"] = "30000" });
        var (account, _) = await PatientAsync(app);

        var request = await app.Get<ConsentService>().GrantAsync(account, Purpose.AcademicResearch, null, default);
        var settled = await SettledAsync(app, request.Id);

        Assert.Equal(ConsentRequestStatus.Rejected, settled.Status);
        Assert.Equal(ConsentRejection.None, settled.RejectReason);
        Assert.Contains("batch transaction failed", settled.RejectDetail);
    }

    [Fact]
    public async Task ChainEvents_SecondInstance_HearsAConsentConfirmedThroughTheFirst()
    {
        await using var first = await db.StartAppAsync();
        await using var second = await db.StartAppAsync(workers: false);
        var (account, wallet) = await PatientAsync(first);
        var heard = new TaskCompletionSource<ChainChangeSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Get<IChainEvents>().Changed += changes =>
        {
            if (changes.IndexedBlock is not null && changes.Affects(ChangeKind.Consent, wallet.Address.ToLowerHex())) heard.TrySetResult(changes);
        };

        await first.Get<ConsentService>().GrantAsync(account, Purpose.PublicHealth, null, default);
        var changes = await heard.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var current = await second.Get<IConsentReadModel>().CurrentAsync(wallet.Address, default);
        Assert.Equal(Purpose.PublicHealth, current!.Purposes);
        Assert.True(changes.IndexedBlock >= current.At.BlockNumber);
    }
}
