using Dapper;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Encryption;
using EmrMarket.Ledger.KeyStore;
using Npgsql;

namespace EmrMarket.Data.Wallets;

/// <summary>
/// The custodial-key vault's key is a data key like a patient's: random, stored only wrapped under the master
/// key (so `emr rotate-keys` re-wraps it with the others), created on first use.
/// </summary>
public sealed class WalletVault(NpgsqlDataSource dataSource, MasterKeyRing ring) : IWalletVault
{
    private static readonly Guid KeyId = new("00000000-0000-7000-8000-0000000a11e7");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CustodialKeyVault? _vault;

    public async Task<CustodialKeyVault> GetAsync(CancellationToken cancellationToken)
    {
        if (_vault is not null) return _vault;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _vault ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CustodialKeyVault> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (_, material) = DataKey.Create();
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into data_keys (id, master_key_id, wrapped) values (@KeyId, @master, @wrapped) on conflict (id) do nothing",
            new { KeyId, master = ring.CurrentId, wrapped = ring.Wrap(KeyId, material) }, cancellationToken: cancellationToken));
        var stored = await connection.QuerySingleAsync<(string MasterKeyId, byte[] Wrapped)>(new CommandDefinition(
            "select master_key_id, wrapped from data_keys where id = @KeyId", new { KeyId }, cancellationToken: cancellationToken));
        var key = ring.UnwrapMaterial(KeyId, stored.MasterKeyId, stored.Wrapped);
        try
        {
            return new CustodialKeyVault(key);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
        }
    }
}
