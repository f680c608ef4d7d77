using System.Numerics;
using System.Text;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Ledger.Tests.Integration;

/// <summary>The client against a live anvil: deploy, call, send, read events, decode reverts.</summary>
public class AnvilTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task DeployAsync_ProbeArtifact_CallsAndSendsByName()
    {
        var sender = await anvil.SenderAsync();
        var probe = await Contract.DeployAsync(sender, anvil.Probe, ["first"]);
        Assert.Equal(anvil.Probe.DeployedBytecode, await anvil.Rpc.GetCodeAsync(probe.Address));
        Assert.Equal("first", await probe.CallAsync<string>("label"));

        var receipt = await sender.WaitAsync(await probe.SendAsync(sender, "store", "consent", 42, new byte[] { 1, 2, 3 }));
        Assert.True(receipt.Succeeded);

        var described = await probe.CallAsync("describe", [sender.Address]);
        Assert.Equal(new BigInteger(42), described[0]);
        Assert.Equal("first", described[1]);
        Assert.Equal(new object?[] { new BigInteger(42), new BigInteger(42) }, (object?[])described[2]!);
    }

    [Fact]
    public async Task GetEventsAsync_StoredEvents_DecodesIndexedAndDataArguments()
    {
        var sender = await anvil.SenderAsync();
        var probe = await Contract.DeployAsync(sender, anvil.Probe, ["events"]);
        var from = await anvil.Rpc.BlockNumberAsync();
        var pending = await sender.SendBatchAsync(Enumerable.Range(1, 5).Select(i => probe.Transaction("store", "tag" + i, i, Encoding.UTF8.GetBytes("n" + i)) with { GasLimit = 200_000 }).ToArray());
        foreach (var p in pending) Assert.True((await sender.WaitAsync(p)).Succeeded);

        var events = await probe.GetEventsAsync("Stored", from, BlockTag.Latest);
        Assert.Equal(5, events.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(sender.Address, events[i]["who"]);
            Assert.Equal(Keccak256.Hash("tag" + (i + 1)), events[i]["tag"]);
            Assert.Equal(new BigInteger(i + 1), events[i]["value"]);
            Assert.Equal(Encoding.UTF8.GetBytes("n" + (i + 1)), events[i].Get<byte[]>("note"));
        }
        Assert.Equal(5, (await probe.GetAllEventsAsync(from, BlockTag.Latest)).Count);
    }

    [Fact]
    public async Task CallAsync_RequireFails_ThrowsWithErrorString()
    {
        var probe = await Contract.DeployAsync(await anvil.SenderAsync(), anvil.Probe, ["reverts"]);
        var error = await Assert.ThrowsAsync<ContractRevertException>(() => probe.CallAsync("requirePositive", [0]));
        Assert.Equal(RevertKind.Error, error.Reason.Kind);
        Assert.Equal("value must be positive", error.Reason.Message);
        Assert.NotNull(error.NodeMessage);
    }

    [Fact]
    public async Task CallAsync_DivisionByZero_ThrowsPanic0x12()
    {
        var probe = await Contract.DeployAsync(await anvil.SenderAsync(), anvil.Probe, ["panic"]);
        var error = await Assert.ThrowsAsync<ContractRevertException>(() => probe.CallAsync("divide", [1, 0]));
        Assert.Equal(RevertKind.Panic, error.Reason.Kind);
        Assert.Equal(new BigInteger(0x12), error.Reason.Arguments[0]);
    }

    [Fact]
    public async Task SendAsync_CustomError_EstimateFailsWithDecodedError()
    {
        var sender = await anvil.SenderAsync();
        var probe = await Contract.DeployAsync(sender, anvil.Probe, ["custom"]);
        var error = await Assert.ThrowsAsync<ContractRevertException>(() => probe.SendAsync(sender, "take", 5));
        Assert.Equal(RevertKind.Custom, error.Reason.Kind);
        Assert.Equal("LedgerProbeNotEnough", error.Reason.ErrorName);
        Assert.Equal([sender.Address, BigInteger.Zero, new BigInteger(5)], error.Reason.Arguments);
    }

    [Fact]
    public async Task WaitAsync_MinedRevert_ThrowsTransactionFailedWithReason()
    {
        var sender = await anvil.SenderAsync();
        var probe = await Contract.DeployAsync(sender, anvil.Probe, ["mined revert"]);
        var pending = await sender.SendAsync(probe.Transaction("take", 7) with { GasLimit = 100_000 });
        var error = await Assert.ThrowsAsync<TransactionFailedException>(() => sender.WaitAsync(pending));
        Assert.False(error.Receipt.Succeeded);
        Assert.Equal("LedgerProbeNotEnough", error.Reason.ErrorName);
    }

    [Fact]
    public async Task SendBatchAsync_ManyTransactions_AllMinedWithConsecutiveNonces()
    {
        var sender = await anvil.SenderAsync();
        var recipient = EthAddress.Parse("0x000000000000000000000000000000000000dEaD");
        var pending = await sender.SendBatchAsync(Enumerable.Range(0, 50).Select(_ => new TransactionRequest(recipient, [], 1, 21000)).ToArray());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ulong)i), pending.Select(p => p.Nonce));
        foreach (var p in pending) Assert.True((await sender.WaitAsync(p, confirmations: 1)).Succeeded);
        Assert.Equal(50UL, await anvil.Rpc.GetTransactionCountAsync(sender.Address));
    }

    [Fact]
    public async Task SendAsync_NonceUsedElsewhere_RecoversFromNonceTooLow()
    {
        var key = await anvil.FundedKeyAsync();
        var recipient = EthAddress.Parse("0x000000000000000000000000000000000000bEEF");
        var first = new TransactionSender(anvil.Rpc, key, anvil.ChainId);
        var other = new TransactionSender(anvil.Rpc, key, anvil.ChainId);
        await first.WaitAsync(await first.SendAsync(new TransactionRequest(recipient, [], 1, 21000)));
        // The second sender's local nonce (read now) goes stale when the first sends again.
        await other.WaitAsync(await other.SendAsync(new TransactionRequest(recipient, [], 1, 21000)));
        await first.WaitAsync(await first.SendAsync(new TransactionRequest(recipient, [], 1, 21000)));
        var receipt = await other.WaitAsync(await other.SendAsync(new TransactionRequest(recipient, [], 1, 21000)));
        Assert.True(receipt.Succeeded);
        Assert.Equal(4UL, await anvil.Rpc.GetTransactionCountAsync(key.Address));
    }

    [Fact]
    public async Task WaitAsync_ConfirmationDepth_WaitsForLaterBlocks()
    {
        var sender = await anvil.SenderAsync();
        var pending = await sender.SendAsync(new TransactionRequest(EthAddress.Zero, [], 0, 21000));
        var waiting = sender.WaitAsync(pending, confirmations: 3);
        await Task.Delay(300);
        if (waiting.IsCompleted)
        {
            // Other suites share this chain and may have mined the blocks meanwhile.
            Assert.True(await anvil.Rpc.BlockNumberAsync() >= (await waiting).BlockNumber + 2);
        }
        await anvil.Rpc.CallAsync("anvil_mine", ["0x2"]);
        var receipt = await waiting;
        Assert.True(await anvil.Rpc.BlockNumberAsync() >= receipt.BlockNumber + 2);
    }

    [Fact]
    public async Task SendAsync_WrongChainId_ThrowsChainMismatch()
    {
        var sender = new TransactionSender(anvil.Rpc, await anvil.FundedKeyAsync(), anvil.ChainId + 1);
        var error = await Assert.ThrowsAsync<ChainMismatchException>(() => sender.SendAsync(new TransactionRequest(EthAddress.Zero, [], 0, 21000)));
        Assert.Equal(anvil.ChainId, error.Actual);
    }

    [Fact]
    public async Task ReadMethods_LiveNode_AnswerTyped()
    {
        var sender = await anvil.SenderAsync();
        var receipt = await sender.SendAndWaitAsync(new TransactionRequest(EthAddress.Zero, [], 5, 21000));
        var block = await anvil.Rpc.GetBlockByNumberAsync(receipt.BlockNumber);
        Assert.NotNull(block);
        Assert.Contains(receipt.TransactionHash, block.TransactionHashes);
        Assert.Equal(receipt.BlockHash, block.Hash);
        var history = await anvil.Rpc.FeeHistoryAsync(3, BlockTag.Latest, [50]);
        Assert.NotEmpty(history.BaseFeePerGas);
        Assert.True(await anvil.Rpc.GasPriceAsync() > 0);
        Assert.True(await anvil.Rpc.MaxPriorityFeePerGasAsync() >= 0);
        Assert.True(await anvil.Rpc.GetBalanceAsync(sender.Address) < BigInteger.Pow(10, 21));
        Assert.Null(await anvil.Rpc.GetTransactionReceiptAsync(Keccak256.Hash("no such transaction")));
    }
}
