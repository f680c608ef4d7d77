using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>The chain node stops in the middle of the work and comes back with its chain (a private anvil with --state, one-second blocks).</summary>
public sealed class NodeRestartTests(NodeRestartTests.Fixture db) : IClassFixture<NodeRestartTests.Fixture>
{
    public sealed class Fixture : PrivateChainDatabase
    {
        private readonly string _state = Path.Combine(Path.GetTempPath(), $"emr-anvil-{Guid.NewGuid():N}.json");

        protected override string[] AnvilArguments => ["--state", _state, "--block-time", "1"];

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_state);
        }
    }

    [Fact]
    public async Task NodeStopsAndReturns_WritesInFlightAndQueuedMeanwhile_AllConfirmedOnce()
    {
        var writes = new OutboxWrites(db.Chain);
        var startNonce = await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
        await using var app = await db.StartAppAsync(settings: new Dictionary<string, string?> { ["Outbox:MaxInFlight"] = "4" });
        var outbox = app.Get<IOutbox>();
        var ids = await writes.EnqueueMintsAsync(outbox, 20);
        await Eventually.WaitAsync(async () => await db.ScalarAsync<int>("select count(*) from outbox where id = any(@ids) and status = 'confirmed'", new { ids }) >= 3,
            "some writes confirmed before the node stops");

        await db.Anvil.StopAsync();
        ids.AddRange(await writes.EnqueueMintsAsync(outbox, 10));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(await db.ScalarAsync<int>("select count(*) from outbox where id = any(@ids) and status <> 'confirmed'", new { ids }) >= 10);
        await db.Anvil.StartAgainAsync();

        await writes.WaitConfirmedAsync(outbox, ids);
        await writes.AssertExactlyOnceAsync(outbox, ids, startNonce);
    }
}
