using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// Typed access to the standard Ethereum JSON-RPC methods (execution-apis, "eth" namespace).
/// Reverts of calls and gas estimates surface as <see cref="ContractRevertException"/>.
/// </summary>
public sealed class EthRpc(JsonRpcClient client)
{
    /// <summary>The underlying JSON-RPC client.</summary>
    public JsonRpcClient Client { get; } = client;

    /// <summary><c>eth_chainId</c>: the EIP-155 chain id.</summary>
    public async Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        RpcJson.UInt64(await CallAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false), "eth_chainId");

    /// <summary><c>eth_blockNumber</c>: the number of the latest block.</summary>
    public async Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        RpcJson.UInt64(await CallAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false), "eth_blockNumber");

    /// <summary><c>eth_getBalance</c>: wei held by <paramref name="address"/>.</summary>
    public async Task<BigInteger> GetBalanceAsync(EthAddress address, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        RpcJson.Quantity(await CallAsync("eth_getBalance", [address.ToLowerHex(), Tag(block)], cancellationToken).ConfigureAwait(false), "eth_getBalance");

    /// <summary><c>eth_getTransactionCount</c>: the account's nonce at <paramref name="block"/> (use <see cref="BlockTag.Pending"/> to include the pool).</summary>
    public async Task<ulong> GetTransactionCountAsync(EthAddress address, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        RpcJson.UInt64(await CallAsync("eth_getTransactionCount", [address.ToLowerHex(), Tag(block)], cancellationToken).ConfigureAwait(false), "eth_getTransactionCount");

    /// <summary><c>eth_getCode</c>: the runtime bytecode at <paramref name="address"/>.</summary>
    public async Task<byte[]> GetCodeAsync(EthAddress address, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        RpcJson.Bytes(await CallAsync("eth_getCode", [address.ToLowerHex(), Tag(block)], cancellationToken).ConfigureAwait(false), "eth_getCode");

    /// <summary><c>eth_getCode</c> at the latest block, for an address given as text.</summary>
    /// <exception cref="LedgerFormatException">The address is malformed.</exception>
    public Task<byte[]> GetCodeAsync(string address, CancellationToken cancellationToken = default) =>
        GetCodeAsync(EthAddress.Parse(address), null, cancellationToken);

    /// <summary><c>eth_call</c>: executes a call without a transaction and returns its output.</summary>
    /// <param name="request">The call.</param>
    /// <param name="block">The state to run it on.</param>
    /// <param name="errors">Custom errors to decode a revert with (e.g. <see cref="ContractAbi.Errors"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ContractRevertException">The call reverted.</exception>
    public async Task<byte[]> CallAsync(CallRequest request, BlockTag? block = null, IEnumerable<AbiError>? errors = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RevertingAsync("eth_call", [RpcJson.CallObject(request), Tag(block)], errors, cancellationToken).ConfigureAwait(false);
        return RpcJson.Bytes(result, "eth_call");
    }

    /// <summary><c>eth_estimateGas</c>.</summary>
    /// <exception cref="ContractRevertException">The call would revert.</exception>
    public async Task<ulong> EstimateGasAsync(CallRequest request, IEnumerable<AbiError>? errors = null, CancellationToken cancellationToken = default) =>
        RpcJson.UInt64(await RevertingAsync("eth_estimateGas", [RpcJson.CallObject(request)], errors, cancellationToken).ConfigureAwait(false), "eth_estimateGas");

    /// <summary><c>eth_gasPrice</c>: the node's legacy gas price suggestion.</summary>
    public async Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        RpcJson.Quantity(await CallAsync("eth_gasPrice", [], cancellationToken).ConfigureAwait(false), "eth_gasPrice");

    /// <summary><c>eth_maxPriorityFeePerGas</c>: the node's tip suggestion.</summary>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        RpcJson.Quantity(await CallAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false), "eth_maxPriorityFeePerGas");

    /// <summary><c>eth_feeHistory</c> over <paramref name="blockCount"/> blocks ending at <paramref name="newestBlock"/>.</summary>
    public async Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockTag newestBlock, IReadOnlyList<double> rewardPercentiles,
        CancellationToken cancellationToken = default)
    {
        var percentiles = new JsonArray(rewardPercentiles.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
        var result = await CallAsync("eth_feeHistory", ["0x" + blockCount.ToString("x", CultureInfo.InvariantCulture), newestBlock.ToString(), percentiles], cancellationToken)
            .ConfigureAwait(false);
        const string what = "eth_feeHistory";
        var rewards = result.TryGetProperty("reward", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(block => (IReadOnlyList<BigInteger>)block.EnumerateArray().Select(x => RpcJson.Quantity(x, what)).ToArray()).ToArray()
            : [];
        return new FeeHistory(
            RpcJson.UInt64(RpcJson.Member(result, "oldestBlock", what), what),
            RpcJson.Member(result, "baseFeePerGas", what).EnumerateArray().Select(x => RpcJson.Quantity(x, what)).ToArray(),
            RpcJson.Member(result, "gasUsedRatio", what).EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            rewards);
    }

    /// <summary><c>eth_sendRawTransaction</c>: submits signed bytes; returns the transaction hash.</summary>
    /// <exception cref="JsonRpcException">The node rejected it (nonce too low, underpriced, insufficient funds…).</exception>
    public async Task<Hash32> SendRawTransactionAsync(byte[] raw, CancellationToken cancellationToken = default) =>
        RpcJson.Hash(await CallAsync("eth_sendRawTransaction", [Hex.Encode(raw)], cancellationToken).ConfigureAwait(false), "eth_sendRawTransaction");

    /// <summary>
    /// Submits many signed transactions in one JSON-RPC batch. Each answer is the hash or the
    /// node's rejection of that transaction.
    /// </summary>
    public async Task<IReadOnlyList<JsonRpcResponse>> SendRawTransactionsAsync(IReadOnlyList<byte[]> raws, CancellationToken cancellationToken = default) =>
        await Client.BatchAsync(raws.Select(r => new JsonRpcRequest("eth_sendRawTransaction", [Hex.Encode(r)])).ToArray(), cancellationToken)
            .ConfigureAwait(false);

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is not mined.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(Hash32 hash, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("eth_getTransactionReceipt", [hash.ToString()], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.Receipt(result);
    }

    /// <summary>Whether the node knows the transaction (pending or mined), via <c>eth_getTransactionByHash</c>.</summary>
    public async Task<bool> IsTransactionKnownAsync(Hash32 hash, CancellationToken cancellationToken = default) =>
        (await CallAsync("eth_getTransactionByHash", [hash.ToString()], cancellationToken).ConfigureAwait(false)).ValueKind != JsonValueKind.Null;

    /// <summary><c>eth_getLogs</c>.</summary>
    public async Task<IReadOnlyList<EventLog>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        var query = new JsonObject { ["fromBlock"] = filter.FromBlock.ToString(), ["toBlock"] = filter.ToBlock.ToString() };
        if (filter.Addresses is { Count: > 0 } addresses)
            query["address"] = new JsonArray(addresses.Select(a => (JsonNode)JsonValue.Create(a.ToLowerHex())).ToArray());
        if (filter.Topics is { } topics)
        {
            query["topics"] = new JsonArray(topics.Select(position => position is null ? null
                : (JsonNode)new JsonArray(position.Select(t => (JsonNode)JsonValue.Create(t.ToString())).ToArray())).ToArray());
        }
        var result = await CallAsync("eth_getLogs", [query], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.Array) throw new RpcTransportException("eth_getLogs: the node did not answer with an array");
        var logs = new EventLog[result.GetArrayLength()];
        var i = 0;
        foreach (var log in result.EnumerateArray()) logs[i++] = RpcJson.Log(log);
        return logs;
    }

    /// <summary><c>eth_getBlockByNumber</c> with transaction hashes; null when the block does not exist.</summary>
    public async Task<Block?> GetBlockByNumberAsync(BlockTag block, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("eth_getBlockByNumber", [block.ToString(), false], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcJson.Block(result);
    }

    /// <summary>Any other method, by name.</summary>
    public Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default) =>
        Client.CallAsync(method, parameters, cancellationToken);

    private async Task<JsonElement> RevertingAsync(string method, JsonArray parameters, IEnumerable<AbiError>? errors, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException e) when (RpcJson.RevertData(e) is { } data)
        {
            throw new ContractRevertException(method, RevertReason.Decode(data, errors), e.NodeMessage, e);
        }
    }

    private static string Tag(BlockTag? block) => (block ?? BlockTag.Latest).ToString();
}
