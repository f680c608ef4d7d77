using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

public sealed class OutboxTests(ChainDatabase db) : IClassFixture<ChainDatabase>
{
    private Contract Dollar => new(db.Chain.Rpc, db.Chain.Address(ContractArtifacts.TestDollar), ChainContracts.Abi(ContractArtifacts.TestDollar));

    private Contract Anchor => new(db.Chain.Rpc, db.Chain.Address(ContractArtifacts.RecordAnchor), ChainContracts.Abi(ContractArtifacts.RecordAnchor));

    private OutboxRequest Mint(string key, EthAddress to, BigInteger amount, OutboxSigner? signer = null) =>
        new(key, "mint", signer ?? OutboxSigner.Admin, Dollar.Address, Dollar.Abi.Encode("mint", to, amount));

    [Fact]
    public async Task EnqueueAsync_SameKeyTwice_ReturnsOneRow()
    {
        await using var app = await db.StartAppAsync(workers: false);
        var outbox = app.Get<IOutbox>();
        var to = PrivateKey.Generate().Address;
        var key = $"mint:{Guid.NewGuid()}";

        var first = await outbox.EnqueueAsync(Mint(key, to, 5), default);
        var second = await outbox.EnqueueAsync(Mint(key, to, 5), default);

        Assert.Equal(first, second);
        Assert.Equal(1, await db.ScalarAsync<int>("select count(*) from outbox where idempotency_key = @key", new { key }));
        var reused = await Assert.ThrowsAsync<OutboxException>(() => outbox.EnqueueAsync(Mint(key, to, 6), default));
        Assert.Contains(key, reused.Message);
    }

    [Fact]
    public async Task EnqueueAsync_SignerWithoutKey_FailsNamingTheSetting()
    {
        await using var app = await db.StartAppAsync(workers: false, settings: new Dictionary<string, string?> { ["Chain:CuratorKey"] = "" });

        var error = await Assert.ThrowsAsync<OutboxException>(() =>
            app.Get<IOutbox>().EnqueueAsync(Mint($"mint:{Guid.NewGuid()}", db.Chain.Treasury, 1, OutboxSigner.Curator), default));

        Assert.Contains("Chain:CuratorKey", error.Message);
    }

    [Fact]
    public async Task Worker_ManyWrites_ConfirmedOnceEachWithConsecutiveNonces()
    {
        await using var app = await db.StartAppAsync();
        var outbox = app.Get<IOutbox>();
        var startNonce = await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address);
        var recipients = Enumerable.Range(0, 40).Select(_ => PrivateKey.Generate().Address).ToList();

        var ids = new List<long>();
        for (var i = 0; i < recipients.Count; i++) ids.Add(await outbox.EnqueueAsync(Mint($"mint:{Guid.NewGuid()}", recipients[i], 1000 + i), default));
        var rows = new List<OutboxEntry>();
        foreach (var id in ids) rows.Add(await outbox.WaitAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token));

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Confirmed, r.Status));
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => startNonce + (ulong)i), rows.Select(r => r.Nonce!.Value).Order());
        Assert.Equal(rows.Count, rows.Select(r => r.TransactionHash).Distinct().Count());
        for (var i = 0; i < recipients.Count; i++) Assert.Equal(new BigInteger(1000 + i), await Dollar.CallAsync<BigInteger>("balanceOf", recipients[i]));
        Assert.Equal(startNonce + (ulong)rows.Count, await db.Chain.Rpc.GetTransactionCountAsync(db.Chain.Admin.Address));
    }

    [Fact]
    public async Task Worker_WriteThatWouldRevert_FailsWithDecodedCustomErrorAndNoTransaction()
    {
        await using var app = await db.StartAppAsync();
        var outbox = app.Get<IOutbox>();
        // The admin does not hold PROVIDER_ROLE: gas estimation reverts with OpenZeppelin's custom error.
        var id = await outbox.EnqueueAsync(new OutboxRequest($"anchor:{Guid.NewGuid()}", "anchor", OutboxSigner.Admin, Anchor.Address,
            Anchor.Abi.Encode("anchor", Keccak256.Hash("some root"), 3u)), default);

        var row = await outbox.WaitAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal("AccessControlUnauthorizedAccount", row.RevertError);
        Assert.Contains(db.Chain.Admin.Address.ToString(), row.RevertReason, StringComparison.OrdinalIgnoreCase);
        Assert.Null(row.Nonce);
        Assert.Null(row.TransactionHash);
    }

    [Fact]
    public async Task Worker_MinedRevert_FailsWithDecodedCustomErrorAndTheTransaction()
    {
        await using var app = await db.StartAppAsync();
        var outbox = app.Get<IOutbox>();
        // A fixed gas limit skips estimation, so the revert happens on chain: a zero root.
        var id = await outbox.EnqueueAsync(new OutboxRequest($"anchor:{Guid.NewGuid()}", "anchor", OutboxSigner.Admin, Anchor.Address,
            Anchor.Abi.Encode("anchor", Hash32.Zero, 3u), GasLimit: 100_000), default);

        var row = await outbox.WaitAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.NotNull(row.TransactionHash);
        var receipt = await db.Chain.Rpc.GetTransactionReceiptAsync(row.TransactionHash!.Value);
        Assert.False(receipt!.Succeeded);
        Assert.Equal("AccessControlUnauthorizedAccount", row.RevertError);
    }

    [Fact]
    public async Task Worker_DependencyFails_DependentFailsUnsent()
    {
        await using var app = await db.StartAppAsync();
        var outbox = app.Get<IOutbox>();
        var first = await outbox.EnqueueAsync(new OutboxRequest($"anchor:{Guid.NewGuid()}", "anchor", OutboxSigner.Admin, Anchor.Address,
            Anchor.Abi.Encode("anchor", Keccak256.Hash("x"), 1u)), default);
        var second = await outbox.EnqueueAsync(Mint($"mint:{Guid.NewGuid()}", db.Chain.Treasury, 1) with { AfterId = first }, default);

        var row = await outbox.WaitAsync(second, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Contains($"outbox {first}", row.LastError);
        Assert.Null(row.TransactionHash);
    }

    [Fact]
    public async Task Worker_NodeRefusesWriteForGood_FailsItAndTheNextOneStillGoes()
    {
        await using var app = await db.StartAppAsync();
        var outbox = app.Get<IOutbox>();
        var to = PrivateKey.Generate().Address;
        var refused = await outbox.EnqueueAsync(Mint($"mint:{Guid.NewGuid()}", to, 1) with { GasLimit = 40_000_000 }, default);
        var next = await outbox.EnqueueAsync(Mint($"mint:{Guid.NewGuid()}", to, 2), default);

        var refusedRow = await outbox.WaitAsync(refused, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        var nextRow = await outbox.WaitAsync(next, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(OutboxStatus.Failed, refusedRow.Status);
        Assert.Contains("rejected by the node", refusedRow.LastError);
        Assert.Null(refusedRow.Nonce);
        Assert.Equal(OutboxStatus.Confirmed, nextRow.Status);
        Assert.Equal(new BigInteger(2), await Dollar.CallAsync<BigInteger>("balanceOf", to));
    }

    [Fact]
    public async Task Worker_CustodialSignerWithoutGas_RelayerTopsItUpThenItSends()
    {
        await using var app = await db.StartAppAsync();
        var account = await db.NewAccountAsync(Core.Accounts.Roles.Researcher);
        var wallet = await app.Get<WalletService>().EnsureCustodialWalletAsync(account, default);
        var spender = PrivateKey.Generate().Address;
        Assert.Equal(BigInteger.Zero, await db.Chain.Rpc.GetBalanceAsync(wallet.Address));

        var id = await app.Get<IOutbox>().EnqueueAsync(new OutboxRequest($"approve:{Guid.NewGuid()}", "approve", OutboxSigner.Account(account),
            Dollar.Address, Dollar.Abi.Encode("approve", spender, 77)), default);
        var row = await app.Get<IOutbox>().WaitAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(OutboxStatus.Confirmed, row.Status);
        Assert.Equal(wallet.Address, row.Sender);
        Assert.Equal(new BigInteger(77), await Dollar.CallAsync<BigInteger>("allowance", wallet.Address, spender));
        Assert.Equal(1, await db.ScalarAsync<int>("select count(*) from outbox where kind = 'fund-gas' and to_address = @to and status = 'confirmed'",
            new { to = wallet.Address.ToLowerHex() }));
    }
}
