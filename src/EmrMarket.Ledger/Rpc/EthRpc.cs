using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// Typed access to the standard Ethereum JSON-RPC methods (execution-apis, "eth" namespace).
/// </summary>
public sealed class EthRpc(JsonRpcClient client)
{
    /// <summary>The underlying JSON-RPC client.</summary>
    public JsonRpcClient Client { get; } = client;

    /// <summary><c>eth_chainId</c>: the EIP-155 chain id.</summary>
    public async Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        (ulong)ParseQuantity(await Client.CallAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_blockNumber</c>: the number of the latest block.</summary>
    public async Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        (ulong)ParseQuantity(await Client.CallAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_getCode</c> at the latest block: the runtime bytecode at <paramref name="address"/>.</summary>
    public async Task<byte[]> GetCodeAsync(string address, CancellationToken cancellationToken = default)
    {
        var result = await Client.CallAsync("eth_getCode", new JsonArray(address, "latest"), cancellationToken)
            .ConfigureAwait(false);
        return Convert.FromHexString(StripPrefix(result.GetString() ?? "0x"));
    }

    private static BigInteger ParseQuantity(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3)
            throw new RpcTransportException($"expected a hex quantity, got {value.GetRawText()}");
        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static string StripPrefix(string hex) =>
        hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex;
}
