using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Datasets;

/// <summary>
/// Consent at a block straight from the contract: ConsentRegistry.hasConsent(patient, purposes) called at that
/// block, many calls per JSON-RPC batch. Slower than the indexed trail but needs nothing but the node, and it is
/// the definition the indexed trail must agree with.
/// </summary>
public sealed class ChainConsentSnapshot(EthRpc rpc, IOptions<ChainOptions> options) : IConsentSnapshot
{
    private const int BatchSize = 500;

    public async Task<ulong> CompleteUpToAsync(CancellationToken cancellationToken)
    {
        var head = await rpc.BlockNumberAsync(cancellationToken);
        var depth = (ulong)options.Value.Confirmations;
        return head > depth ? head - depth : 0;
    }

    public async Task<IReadOnlySet<EthAddress>> ConsentingAsync(IReadOnlyCollection<EthAddress> candidates, ulong purposes, ulong block,
        CancellationToken cancellationToken)
    {
        var registry = await RegistryAsync(cancellationToken);
        var abi = ContractArtifacts.Get(ContractArtifacts.ConsentRegistry).Abi;
        var consenting = new HashSet<EthAddress>();
        foreach (var batch in candidates.Chunk(BatchSize))
        {
            var requests = batch.Select(patient => new JsonRpcRequest("eth_call", new JsonArray(
                new JsonObject { ["to"] = registry.ToString(), ["data"] = Hex.Encode(abi.Encode("hasConsent", patient, purposes)) },
                BlockTag.Number(block).ToString()))).ToList();
            var answers = await rpc.Client.BatchAsync(requests, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                var data = Hex.Decode(answers[i].GetResultOrThrow().GetString()!);
                if ((bool)abi.DecodeOutput("hasConsent", data)[0]!) consenting.Add(batch[i]);
            }
        }
        return consenting;
    }

    private async Task<EthAddress> RegistryAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.DeploymentFile;
        var deployment = string.IsNullOrWhiteSpace(path) ? null : await Deployment.ReadAsync(path, cancellationToken);
        if (deployment is null || !deployment.Contracts.TryGetValue(ContractArtifacts.ConsentRegistry, out var address))
            throw new DatasetException("the contracts are not deployed, so nobody's consent can be read (run emr deploy)");
        return EthAddress.Parse(address);
    }
}
