using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Chain;

/// <summary>Reads Chain:DeploymentFile, again whenever the file changes (emr deploy --force).</summary>
public sealed class DeploymentFile(IOptions<ChainOptions> options) : IChainDeployment
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime WrittenAt, ChainContracts Contracts)? _cached;

    public async ValueTask<ChainContracts?> TryGetAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.DeploymentFile;
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return null;
        var writtenAt = File.GetLastWriteTimeUtc(path);
        if (_cached is { } hit && hit.WrittenAt == writtenAt) return hit.Contracts;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var deployment = await Deployment.ReadAsync(path, cancellationToken);
            if (deployment is null) return null;
            if (deployment.ChainId != options.Value.ChainId)
                throw new ChainNotDeployedException($"{path} is for chain {deployment.ChainId}, but Chain:ChainId is {options.Value.ChainId}");
            var contracts = new ChainContracts(deployment);
            _cached = (writtenAt, contracts);
            return contracts;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or FormatException)
        {
            throw new ChainNotDeployedException($"the deployment file {path} cannot be read: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }
}
