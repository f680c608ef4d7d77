using System.Globalization;
using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Web.Chain;

/// <summary>
/// Reads a transaction's receipt from the node and decodes its logs with our contracts' ABIs: the app's own
/// transaction page, for networks without a block explorer (a local anvil, a permissioned network).
/// </summary>
public sealed class TransactionLookup(EthRpc rpc, IChainDeployment deployment)
{
    /// <summary>The transaction, or null while the node knows no receipt for it (not mined, or another chain).</summary>
    public async Task<TransactionDetails?> FindAsync(Hash32 hash, CancellationToken cancellationToken)
    {
        var receipt = await rpc.GetTransactionReceiptAsync(hash, cancellationToken);
        if (receipt is null) return null;
        var block = await rpc.GetBlockByNumberAsync(receipt.BlockNumber, cancellationToken);
        var contracts = (await deployment.TryGetAsync(cancellationToken))?.Deployment.Contracts
            .ToDictionary(c => EthAddress.Parse(c.Value), c => c.Key) ?? [];
        var events = receipt.Logs.Select(log =>
        {
            var name = contracts.GetValueOrDefault(log.Address);
            var decoded = name is null ? null : ContractArtifacts.Get(name).Abi.TryDecodeEvent(log);
            return decoded is null
                ? new TransactionEvent(log.Address, name, "unknown event", [])
                : new TransactionEvent(log.Address, name, decoded.Name,
                    decoded.Event.Inputs.Select((input, i) => KeyValuePair.Create(input.Name, Text(decoded.Values[i]))).ToList());
        }).ToList();
        return new TransactionDetails(hash, receipt.BlockNumber, DateTimeOffset.FromUnixTimeSeconds((long)(block?.Timestamp ?? 0)), receipt.From,
            receipt.To, receipt.To is { } to ? contracts.GetValueOrDefault(to) : null, receipt.Succeeded, receipt.GasUsed, events);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        byte[] bytes => Hex.Encode(bytes),
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        object?[] tuple => "(" + string.Join(", ", tuple.Select(Text)) + ")",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
