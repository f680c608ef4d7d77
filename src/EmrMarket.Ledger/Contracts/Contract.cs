using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Ledger.Contracts;

/// <summary>
/// A deployed contract addressed through its ABI: call functions and read events by name, with
/// reverts decoded against the contract's own custom errors.
/// </summary>
public sealed class Contract(EthRpc rpc, EthAddress address, ContractAbi abi)
{
    /// <summary>The contract's address.</summary>
    public EthAddress Address { get; } = address;

    /// <summary>The contract's ABI.</summary>
    public ContractAbi Abi { get; } = abi;

    /// <summary>Deploys <paramref name="artifact"/> and waits for the receipt.</summary>
    /// <exception cref="TransactionFailedException">The constructor reverted.</exception>
    public static async Task<Contract> DeployAsync(TransactionSender sender, ContractArtifact artifact, IReadOnlyList<object?> constructorArguments,
        CancellationToken cancellationToken = default)
    {
        var request = new TransactionRequest(null, artifact.DeploymentData([.. constructorArguments]), Errors: artifact.Abi.Errors);
        var receipt = await sender.SendAndWaitAsync(request, cancellationToken).ConfigureAwait(false);
        var address = receipt.ContractAddress ?? throw new InvalidOperationException($"the receipt of {artifact.ContractName}'s deployment names no contract");
        return new Contract(sender.Rpc, address, artifact.Abi);
    }

    /// <summary>Calls a view or pure function (<c>eth_call</c>) and decodes its outputs.</summary>
    /// <exception cref="ContractRevertException">The call reverted; the reason is decoded with this ABI.</exception>
    public async Task<object?[]> CallAsync(string function, IReadOnlyList<object?> arguments, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var definition = Abi.Function(function);
        var output = await rpc.CallAsync(new CallRequest(Address, definition.Encode([.. arguments])), block, Abi.Errors, cancellationToken)
            .ConfigureAwait(false);
        return definition.DecodeOutput(output);
    }

    /// <summary>Calls a function and returns its first output as <typeparamref name="T"/>.</summary>
    public async Task<T> CallAsync<T>(string function, params object?[] arguments) =>
        (T)(await CallAsync(function, arguments).ConfigureAwait(false))[0]!;

    /// <summary>A transaction calling <paramref name="function"/>, for <see cref="TransactionSender"/>.</summary>
    public TransactionRequest Transaction(string function, params object?[] arguments) =>
        new(Address, Abi.Encode(function, arguments), Errors: Abi.Errors);

    /// <summary>Sends a transaction calling <paramref name="function"/> (without waiting for the receipt).</summary>
    public Task<PendingTransaction> SendAsync(TransactionSender sender, string function, params object?[] arguments) =>
        sender.SendAsync(Transaction(function, arguments));

    /// <summary>Reads and decodes this contract's logs of one event in a block range.</summary>
    public async Task<IReadOnlyList<DecodedEvent>> GetEventsAsync(string eventName, BlockTag fromBlock, BlockTag toBlock,
        CancellationToken cancellationToken = default)
    {
        var definition = Abi.Event(eventName);
        var logs = await rpc.GetLogsAsync(new LogFilter(fromBlock, toBlock, [Address], [[definition.Topic0]]), cancellationToken)
            .ConfigureAwait(false);
        return logs.Select(definition.Decode).ToArray();
    }

    /// <summary>Reads and decodes all of this contract's logs in a block range (unknown events are skipped).</summary>
    public async Task<IReadOnlyList<DecodedEvent>> GetAllEventsAsync(BlockTag fromBlock, BlockTag toBlock, CancellationToken cancellationToken = default)
    {
        var logs = await rpc.GetLogsAsync(new LogFilter(fromBlock, toBlock, [Address]), cancellationToken).ConfigureAwait(false);
        return logs.Select(Abi.TryDecodeEvent).OfType<DecodedEvent>().ToArray();
    }
}
