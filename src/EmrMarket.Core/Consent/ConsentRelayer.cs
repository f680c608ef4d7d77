using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Consent;

/// <summary>
/// Collects pending consent requests every <see cref="ConsentOptions.FlushInterval"/> into setConsentsBySig
/// outbox rows of up to <see cref="ConsentOptions.BatchSize"/>, signed by the relayer, and rejects requests whose
/// batch transaction failed. One instance relays (a lock), so each patient's requests reach the chain in nonce order.
/// </summary>
public sealed class ConsentRelayer(
    IConsentRequestStore requests,
    IChainDeployment deployment,
    ISignerKeys signers,
    OutboxSignal outboxSignal,
    IOptions<ConsentOptions> options,
    ILogger<ConsentRelayer> logger) : BackgroundService
{
    private static readonly AbiFunction SetConsentsBySig = ChainContracts.Abi(ContractArtifacts.ConsentRegistry).Function("setConsentsBySig");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await deployment.TryGetAsync(stoppingToken) is null) throw new ChainNotDeployedException("waiting for the contracts to be deployed");
                var relayer = await signers.AddressAsync(OutboxSigner.Relayer, stoppingToken);
                await using var held = await requests.TryLockRelayerAsync(stoppingToken);
                if (held is null)
                {
                    await Task.Delay(options.Value.FlushInterval * 20, stoppingToken);
                    continue;
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await FlushAsync(relayer, stoppingToken) < options.Value.BatchSize) await Task.Delay(options.Value.FlushInterval, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Consent relayer: {Error}; retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>Queues one batch (and settles failed ones); returns how many requests it took.</summary>
    public async Task<int> FlushAsync(EthAddress relayer, CancellationToken cancellationToken)
    {
        var contracts = await deployment.GetAsync(cancellationToken);
        var rejected = await requests.RejectFailedBatchesAsync(cancellationToken);
        if (rejected > 0) logger.LogWarning("Consent relayer: {Count} requests rejected because their batch transaction failed", rejected);
        var batch = await requests.TakeBatchAsync(options.Value.BatchSize, taken => ToOutbox(taken, relayer, contracts), cancellationToken);
        if (batch is null) return 0;
        outboxSignal.Wake();
        return batch.Count;
    }

    private OutboxWrite ToOutbox(IReadOnlyList<ConsentRequest> batch, EthAddress relayer, ChainContracts contracts)
    {
        var entries = batch.Select(r => (object?)new object?[]
        {
            r.Message.Patient, (ulong)r.Message.Purposes, r.Message.Expiry, r.Message.Nonce, r.Message.Deadline,
            r.Signature[64], r.Signature.AsSpan(0, 32).ToArray(), r.Signature.AsSpan(32, 32).ToArray(),
        }).ToArray();
        var gas = options.Value.GasPerBatch + options.Value.GasPerConsent * (ulong)batch.Count;
        var request = new OutboxRequest($"{OutboxKinds.ConsentBatch}:{batch[0].Id}", OutboxKinds.ConsentBatch, OutboxSigner.Relayer,
            contracts.ConsentRegistry, SetConsentsBySig.Encode([entries]), GasLimit: gas);
        return new OutboxWrite(request, relayer);
    }
}
