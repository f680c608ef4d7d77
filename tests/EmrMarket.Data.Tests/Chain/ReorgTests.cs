using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>Reorganisations, confirmation depth and historical consent, on an anvil of the class's own.</summary>
public sealed class ReorgTests(PrivateChainDatabase db) : IClassFixture<PrivateChainDatabase>
{
    private Contract Registry => new(db.Chain.Rpc, db.Chain.Address(ContractArtifacts.ConsentRegistry), ChainContracts.Abi(ContractArtifacts.ConsentRegistry));

    private async Task<PrivateKey> PatientAsync()
    {
        var key = PrivateKey.Generate();
        await db.Chain.FundAsync(key.Address);
        return key;
    }

    private async Task<ulong> SetConsentAsync(PrivateKey patient, Purpose purposes, ulong expiry = 0) =>
        (await new TransactionSender(db.Chain.Rpc, patient, db.Chain.ChainId, new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(10) })
            .SendAndWaitAsync(Registry.Transaction("setConsent", (ulong)purposes, expiry))).BlockNumber;

    [Fact]
    public async Task StepAsync_ChainReorganised_RewindsAndEndsLikeAFreshIndex()
    {
        await using var app = await db.StartAppAsync(workers: false, settings: new Dictionary<string, string?> { ["Indexer:BlocksPerRange"] = "1" });
        var indexer = app.Get<ChainIndexer>();
        var consents = app.Get<IConsentReadModel>();
        var (gone, kept, arrived) = (await PatientAsync(), await PatientAsync(), await PatientAsync());
        await SetConsentAsync(kept, Purpose.PublicHealth);
        await indexer.CatchUpAsync(default);

        var snapshot = await db.Anvil.SnapshotAsync();
        await SetConsentAsync(gone, Purpose.AcademicResearch);
        await SetConsentAsync(gone, Purpose.GeneticStudies);
        await indexer.CatchUpAsync(default);
        Assert.NotNull(await consents.CurrentAsync(gone.Address, default));

        await db.Anvil.RevertAsync(snapshot);
        await db.Chain.FundAsync(arrived.Address);
        await SetConsentAsync(arrived, Purpose.ClinicalTrials);
        await db.Anvil.MineAsync(3);
        await indexer.CatchUpAsync(default);

        Assert.Null(await consents.CurrentAsync(gone.Address, default));
        Assert.Empty(await consents.HistoryAsync(new ConsentHistoryQuery(gone.Address), default));
        Assert.Equal(Purpose.PublicHealth, (await consents.CurrentAsync(kept.Address, default))!.Purposes);
        Assert.Equal(Purpose.ClinicalTrials, (await consents.CurrentAsync(arrived.Address, default))!.Purposes);
        var cursor = await app.Get<IChainIndexStore>().GetCursorAsync(default);
        Assert.Equal((await db.Chain.Rpc.GetBlockByNumberAsync(cursor!.Block.Number))!.Hash, cursor.Block.Hash);

        var afterReorg = await ReadModelDump.TakeAsync(db.DataSource);
        // A cursor of another deployment makes the indexer start over from this deployment's start block.
        await app.Get<IChainIndexStore>().ResetAsync("another deployment", cursor.Block, default);
        await indexer.CatchUpAsync(default);
        var rebuilt = await ReadModelDump.TakeAsync(db.DataSource);
        foreach (var table in ChainIndexStore.Tables.Where(t => t != "chain_blocks")) Assert.Equal(afterReorg[table], rebuilt[table]);
    }

    [Fact]
    public async Task StepAsync_ConfirmationDepth_IndexesABlockOnlyWhenBuriedDeepEnough()
    {
        await using var app = await db.StartAppAsync(workers: false, settings: new Dictionary<string, string?> { ["Chain:Confirmations"] = "2" });
        var indexer = app.Get<ChainIndexer>();
        var patient = await PatientAsync();
        await indexer.CatchUpAsync(default);

        await SetConsentAsync(patient, Purpose.AcademicResearch);
        await indexer.CatchUpAsync(default);
        Assert.Null(await app.Get<IConsentReadModel>().CurrentAsync(patient.Address, default));

        await db.Anvil.MineAsync(2);
        await indexer.CatchUpAsync(default);
        Assert.NotNull(await app.Get<IConsentReadModel>().CurrentAsync(patient.Address, default));
    }

    [Fact]
    public async Task ConsentingAtAsync_EveryBlock_MatchesHasConsentOnChain()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var patients = new[] { await PatientAsync(), await PatientAsync(), await PatientAsync(), await PatientAsync() };
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1000;
        async Task At(ulong time) => await db.Chain.Rpc.CallAsync("evm_setNextBlockTimestamp", new JsonArray(time));
        var first = await db.Chain.Rpc.BlockNumberAsync() + 1;
        await At(now); await SetConsentAsync(patients[0], Purpose.AcademicResearch, expiry: now + 100);
        await At(now + 10); await SetConsentAsync(patients[1], Purpose.AcademicResearch | Purpose.AiTraining);
        await At(now + 20); await SetConsentAsync(patients[2], Purpose.AcademicResearch);
        await At(now + 30); await SetConsentAsync(patients[3], Purpose.AiTraining, expiry: now + 500);
        await At(now + 99); await SetConsentAsync(patients[2], Purpose.None);
        await At(now + 100); await db.Anvil.MineAsync();
        await At(now + 600); await SetConsentAsync(patients[1], Purpose.AcademicResearch);
        var last = await db.Chain.Rpc.BlockNumberAsync();
        await app.Get<ChainIndexer>().CatchUpAsync(default);

        var queries = app.Get<ConsentQueries>();
        var snapshot = app.Get<IConsentSnapshot>();
        Assert.IsType<IndexedConsentSnapshot>(snapshot);
        Assert.True(await snapshot.CompleteUpToAsync(default) >= last);
        var addresses = patients.Select(p => p.Address).ToList();
        var answers = new List<bool>();
        for (var block = first; block <= last; block++)
        {
            foreach (var purposes in new[] { Purpose.AcademicResearch, Purpose.AiTraining, Purpose.AcademicResearch | Purpose.AiTraining })
            {
                var atBlock = await queries.ConsentingAtAsync(block, purposes, default);
                var cohort = await snapshot.ConsentingAsync(addresses, (ulong)purposes, block, default);
                foreach (var patient in patients)
                {
                    var onChain = (bool)(await Registry.CallAsync("hasConsent", [patient.Address, (ulong)purposes], block))[0]!;
                    Assert.True(onChain == atBlock.Patients.Any(p => p.Patient == patient.Address), $"{patient.Address} {purposes} at block {block}");
                    Assert.Equal(onChain, cohort.Contains(patient.Address));
                    answers.Add(onChain);
                }
            }
        }
        Assert.Equal((int)(last - first + 1) * 3 * patients.Length, answers.Count);
        Assert.Contains(true, answers);
        Assert.Contains(false, answers);
    }
}
