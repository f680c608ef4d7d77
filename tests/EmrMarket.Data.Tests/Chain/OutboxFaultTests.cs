using System.Numerics;
using Dapper;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>Exactly-once sending when the app stops in the middle of a send.</summary>
public sealed class OutboxFaultTests(ChainDatabase db) : IClassFixture<ChainDatabase>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Restart_AfterPersistingAndDuringTheSend_NothingLostNothingSentTwice(bool nodeReceivedIt)
    {
        var writes = new OutboxWrites(db.Chain);
        var failing = new FailingSends(nodeReceivedIt);
        var startNonce = await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
        List<long> ids;
        await using (var crashing = await db.StartAppAsync(configure: services =>
            services.AddSingleton(new JsonRpcClient(new HttpClient(failing), db.Chain.RpcUrl))))
        {
            ids = await writes.EnqueueMintsAsync(crashing.Get<IOutbox>(), 30);
            await Eventually.WaitAsync(async () => failing.Failed > 0
                && await db.ScalarAsync<int>("select count(*) from outbox where id = any(@ids) and tx_hash is not null", new { ids }) >= 1,
                "writes signed and persisted, and a send failed");
        }
        var persisted = await HashesAsync(ids);
        Assert.NotEmpty(persisted);

        await using var restarted = await db.StartAppAsync();
        await writes.WaitConfirmedAsync(restarted.Get<IOutbox>(), ids);

        var final = await HashesAsync(ids);
        Assert.All(persisted, p => Assert.Equal(p.Value, final[p.Key]));
        await writes.AssertExactlyOnceAsync(restarted.Get<IOutbox>(), ids, startNonce);
    }

    [Fact]
    public async Task NodeFailsHalfWayThroughABatch_NoNonceLeftUnused_AllConfirmedOnce()
    {
        var writes = new OutboxWrites(db.Chain);
        var startNonce = await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
        List<long> ids;
        await using (var enqueuing = await db.StartAppAsync(workers: false)) ids = await writes.EnqueueMintsAsync(enqueuing.Get<IOutbox>(), 8);

        // All eight are queued before the sender starts, so its first batch is four rows and the third estimate fails.
        var failing = new FailingEstimate(3);
        await using var app = await db.StartAppAsync(settings: new Dictionary<string, string?> { ["Outbox:MaxInFlight"] = "4" },
            configure: services => services.AddSingleton(new JsonRpcClient(new HttpClient(failing), db.Chain.RpcUrl)));
        await writes.WaitConfirmedAsync(app.Get<IOutbox>(), ids, seconds: 30);

        Assert.True(failing.Failed);
        await writes.AssertExactlyOnceAsync(app.Get<IOutbox>(), ids, startNonce);
    }

    [Fact]
    public async Task TwoInstances_BothRunningWorkers_EachWriteSentOnceFromOneSenderAtATime()
    {
        var writes = new OutboxWrites(db.Chain);
        var startNonce = await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
        await using var first = await db.StartAppAsync();
        await using var second = await db.StartAppAsync();

        var ids = await writes.EnqueueMintsAsync(first.Get<IOutbox>(), 15);
        ids.AddRange(await writes.EnqueueMintsAsync(second.Get<IOutbox>(), 15));

        await writes.WaitConfirmedAsync(second.Get<IOutbox>(), ids);
        await writes.AssertExactlyOnceAsync(first.Get<IOutbox>(), ids, startNonce);
    }

    /// <summary>The transaction hash each signed row holds.</summary>
    private async Task<Dictionary<long, string>> HashesAsync(List<long> ids)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<(long Id, byte[] Hash)>("select id, tx_hash from outbox where id = any(@ids) and tx_hash is not null", new { ids }))
            .ToDictionary(r => r.Id, r => Hex.Encode(r.Hash));
    }
}

/// <summary>Mints to fresh addresses, each a distinct amount, so the chain shows whether any was applied twice or not at all.</summary>
public sealed class OutboxWrites(DeployedChain chain)
{
    private readonly Dictionary<long, (EthAddress To, BigInteger Amount)> _expected = [];

    private Contract Dollar => new(chain.Rpc, chain.Address(ContractArtifacts.TestDollar), ChainContracts.Abi(ContractArtifacts.TestDollar));

    public async Task<List<long>> EnqueueMintsAsync(IOutbox outbox, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var to = PrivateKey.Generate().Address;
            var amount = new BigInteger(1_000 + _expected.Count);
            var id = await outbox.EnqueueAsync(new OutboxRequest($"mint:{Guid.NewGuid()}", "mint", OutboxSigner.Admin, Dollar.Address,
                Dollar.Abi.Encode("mint", to, amount)), default);
            _expected[id] = (to, amount);
            ids.Add(id);
        }
        return ids;
    }

    public async Task WaitConfirmedAsync(IOutbox outbox, IEnumerable<long> ids, int seconds = 90)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        foreach (var id in ids) Assert.Equal(OutboxStatus.Confirmed, (await outbox.WaitAsync(id, timeout.Token)).Status);
    }

    /// <summary>Every write confirmed once: consecutive nonces from <paramref name="startNonce"/>, one transaction each, each mint applied once.</summary>
    public async Task AssertExactlyOnceAsync(IOutbox outbox, IReadOnlyCollection<long> ids, ulong startNonce)
    {
        var rows = new List<OutboxEntry>();
        foreach (var id in ids) rows.Add((await outbox.GetAsync(id, default))!);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Confirmed, r.Status));
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => startNonce + (ulong)i), rows.Select(r => r.Nonce!.Value).Order());
        Assert.Equal(rows.Count, rows.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(startNonce + (ulong)rows.Count, await chain.Rpc.GetTransactionCountAsync(chain.Admin.Address));
        foreach (var id in ids) Assert.Equal(_expected[id].Amount, await Dollar.CallAsync<BigInteger>("balanceOf", _expected[id].To));
    }
}
