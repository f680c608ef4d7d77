using Dapper;
using Npgsql;

namespace EmrMarket.Data.Encryption;

/// <summary>
/// Re-wraps every data key not yet under the current master key (<c>emr rotate-keys</c>). Only data_keys
/// changes; no ciphertext is read or rewritten. Runs in pages, one transaction each, so it can be stopped and
/// run again.
/// </summary>
public sealed class KeyRotation(NpgsqlDataSource dataSource, MasterKeyRing ring)
{
    private const int PageSize = 1000;

    /// <summary>Returns how many data keys were re-wrapped.</summary>
    public async Task<int> RotateAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var page = (await connection.QueryAsync<(Guid Id, string MasterKeyId, byte[] Wrapped)>(new CommandDefinition("""
                select id, master_key_id, wrapped from data_keys where master_key_id <> @current order by id limit @PageSize for update
                """, new { current = ring.CurrentId, PageSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (page.Count == 0) return total;
            var rewrapped = page.Select(k =>
            {
                var material = ring.UnwrapMaterial(k.Id, k.MasterKeyId, k.Wrapped);
                try
                {
                    return new { k.Id, Wrapped = ring.Wrap(k.Id, material), MasterKeyId = ring.CurrentId };
                }
                finally
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
                }
            }).ToList();
            await connection.ExecuteAsync(new CommandDefinition(
                "update data_keys set wrapped = @Wrapped, master_key_id = @MasterKeyId, rewrapped_at = now() where id = @Id",
                rewrapped, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            total += page.Count;
        }
    }
}
