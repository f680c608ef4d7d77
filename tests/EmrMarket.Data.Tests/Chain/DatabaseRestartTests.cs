using Npgsql;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>PostgreSQL stops in the middle of the work and comes back (a private cluster; a private anvil with one-second blocks).</summary>
public sealed class DatabaseRestartTests(DatabaseRestartTests.Fixture db) : IClassFixture<DatabaseRestartTests.Fixture>
{
    private const string Instance = "chain-pg-restart";

    public sealed class Fixture : PrivateChainDatabase
    {
        protected override string[] AnvilArguments => ["--block-time", "1"];

        protected override async Task<string> CreateDatabaseAsync()
        {
            var env = await StackScript.UpAsync(Instance, only: "pg");
            var name = $"t_{Guid.NewGuid():N}"[..20];
            await using (var admin = new NpgsqlConnection(env["EMR_PG_CONNECTION"]))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"create database {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            return new NpgsqlConnectionStringBuilder(env["EMR_PG_CONNECTION"]) { Database = name }.ConnectionString;
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await StackScript.ResetAsync(Instance);
        }
    }

    [Fact]
    public async Task DatabaseStopsAndReturns_WritesInFlight_AllConfirmedOnce()
    {
        var writes = new OutboxWrites(db.Chain);
        var startNonce = await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
        await using var app = await db.StartAppAsync(settings: new Dictionary<string, string?> { ["Outbox:MaxInFlight"] = "4" });
        var outbox = app.Get<IOutbox>();
        var ids = await writes.EnqueueMintsAsync(outbox, 24);
        await Eventually.WaitAsync(async () => await db.ScalarAsync<int>("select count(*) from outbox where id = any(@ids) and status = 'confirmed'", new { ids }) >= 3,
            "some writes confirmed before the database stops");

        await StackScript.DownAsync(Instance, only: "pg");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(await OnChainNonceAsync() < startNonce + (ulong)ids.Count, "the database stopped before every write was sent");
        await StackScript.UpAsync(Instance, only: "pg");

        await writes.WaitConfirmedAsync(outbox, ids);
        await writes.AssertExactlyOnceAsync(outbox, ids, startNonce);
    }

    private Task<ulong> OnChainNonceAsync() => db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
}
