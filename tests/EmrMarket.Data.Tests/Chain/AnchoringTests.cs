using Dapper;
using EmrMarket.Core.Anchoring;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Ingest;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>Ingest batches anchored on RecordAnchor through the outbox, and per-record proofs verified by the contract.</summary>
public sealed class AnchoringTests(ChainDatabase db) : IClassFixture<ChainDatabase>
{
    private static readonly string Sample = Path.Combine(RepoPaths.Root, "datasets", "synthetic-sample");

    private Contract Anchor => new(db.Chain.Rpc, db.Chain.Address(ContractArtifacts.RecordAnchor), ChainContracts.Abi(ContractArtifacts.RecordAnchor));

    private static async Task<IngestSummary> IngestAsync(ChainApp app, string providerCode, params string[] files)
    {
        var store = app.Get<IIngestStore>();
        if (await store.FindProviderAsync(providerCode, default) is null) await store.CreateProviderAsync(providerCode, providerCode, default);
        return await app.Get<IngestService>().IngestAsync(new IngestRequest(providerCode, "test", IngestSources.FromPaths(files)), default);
    }

    [Fact]
    public async Task IngestAsync_Batch_AnchoredByTheProvidersOwnKeyAndMarkedOnTheBatch()
    {
        await using var app = await db.StartAppAsync();
        var summary = await IngestAsync(app, "anchor-a", Path.Combine(Sample, "patient-000000.json"), Path.Combine(Sample, "patient-000001.json"));
        var batch = summary.Batch!;

        await Eventually.WaitAsync(async () => await app.Get<AnchorWorker>().SettleAsync(default) > 0
            || await db.ScalarAsync<string>("select anchor_status from ingest_batches where id = @id", new { id = batch.Id }) == "confirmed", "the batch anchored");

        var record = (await app.Get<IBatchAnchorStore>().FindAsync(batch.Id, default))!;
        var row = (await app.Get<IOutbox>().GetAsync(record.OutboxId, default))!;
        await using var connection = await db.DataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(byte[] Root, byte[] Tx, long Block)>(
            "select merkle_root, anchor_tx_hash, anchor_block from ingest_batches where id = @id", new { id = batch.Id });
        var onChain = (object?[])(await Anchor.CallAsync("batchOf", [record.Root]))[0]!;
        var providerKey = await app.Get<IProviderKeyStore>().FindAsync(batch.ProviderId, default);

        Assert.Equal(record.Root.ToArray(), stored.Root);
        Assert.Equal(row.TransactionHash!.Value.ToArray(), stored.Tx);
        Assert.Equal((long)row.BlockNumber!.Value, stored.Block);
        Assert.Equal(providerKey!.Address, (EthAddress)onChain[0]!);
        Assert.Equal(batch.RecordCount, (int)(System.Numerics.BigInteger)onChain[1]!);
        Assert.Equal(row.Sender, providerKey.Address);
    }

    [Fact]
    public async Task GetAsync_EveryRecordOfABatch_ProofVerifiesOnChainAndATamperedOneDoesNot()
    {
        await using var app = await db.StartAppAsync();
        var summary = await IngestAsync(app, "anchor-b", Path.Combine(Sample, "patient-000002.json"));
        var batch = summary.Batch!;
        await Eventually.WaitAsync(async () =>
        {
            await app.Get<AnchorWorker>().SettleAsync(default);
            return await app.Get<IAnchorReadModel>().FindAsync((await app.Get<IBatchAnchorStore>().FindAsync(batch.Id, default))!.Root, default) is not null;
        }, "the anchor indexed");

        await using var connection = await db.DataSource.OpenConnectionAsync();
        var recordIds = (await connection.QueryAsync<Guid>("select id from records where batch_id = @id order by leaf_index", new { id = batch.Id })).ToList();
        var proofs = app.Get<RecordProofService>();
        foreach (var id in recordIds.Take(25).Append(recordIds[^1]))
        {
            var proof = (await proofs.GetAsync(id, default))!;
            Assert.True(proof.Verifies);
            Assert.NotNull(proof.Anchor);
            Assert.True((bool)(await Anchor.CallAsync("verifyRecord", [proof.Root, proof.LeafHash, proof.Proof.ToArray()]))[0]!, $"record {id}");
        }
        var first = (await proofs.GetAsync(recordIds[0], default))!;
        var tampered = Keccak256.Hash(first.LeafHash.ToArray());
        Assert.False((bool)(await Anchor.CallAsync("verifyRecord", [first.Root, tampered, first.Proof.ToArray()]))[0]!);
        Assert.Null(await proofs.GetAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task AnchorAsync_NoDeployment_IngestSucceedsAndTheWorkerAnchorsLater()
    {
        await using (var offline = await db.StartAppAsync(workers: false, settings: new Dictionary<string, string?> { ["Chain:DeploymentFile"] = "/nonexistent/deployment.json" }))
        {
            var summary = await IngestAsync(offline, "anchor-c", Path.Combine(Sample, "patient-000003.json"));
            Assert.NotNull(summary.Batch);
            Assert.Null(await offline.Get<IBatchAnchorStore>().FindAsync(summary.Batch!.Id, default));
        }

        await using var app = await db.StartAppAsync();
        await Eventually.WaitAsync(async () => await db.ScalarAsync<long>("""
            select count(*) from ingest_batches b join providers p on p.id = b.provider_id where p.code = 'anchor-c' and b.anchor_status = 'confirmed'
            """) == 1, "the worker anchored the batch ingested while offline");
    }
}
