using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>PostgreSQL storage for ingest: providers, and one session (connection) per upload.</summary>
public sealed class IngestStore(NpgsqlDataSource dataSource, MasterKeyRing ring) : IIngestStore
{
    // Advisory lock space for "one ingest per provider at a time"; the provider's id fills the rest.
    private const long LockSpace = 0x494E47L << 32;

    public async Task<IngestProvider?> FindProviderAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IngestProvider>(new CommandDefinition(
            "select id, code, name from providers where code = @code", new { code }, cancellationToken: cancellationToken));
    }

    public async Task<IngestProvider> CreateProviderAsync(string code, string name, CancellationToken cancellationToken)
    {
        var (key, material) = DataKey.Create();
        using (key)
        {
            var provider = new IngestProvider(Guid.CreateVersion7(), code, name);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into data_keys (id, master_key_id, wrapped) values (@Id, @masterKeyId, @wrapped)",
                new { key.Id, masterKeyId = ring.CurrentId, wrapped = ring.Wrap(key.Id, material) }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into providers (id, code, name, data_key_id) values (@Id, @Code, @Name, @keyId)",
                new { provider.Id, provider.Code, provider.Name, keyId = key.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return provider;
        }
    }

    public async Task<IIngestSession> OpenSessionAsync(IngestProvider provider, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var lockKey = LockSpace | (uint)provider.Id.GetHashCode();
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_lock(@lockKey)", new { lockKey }, cancellationToken: cancellationToken)))
                throw new InvalidOperationException($"another ingest for provider {provider.Code} is running; try again when it has finished");
            // File transactions commit without waiting for the WAL flush; CloseAsync's synchronous commit makes them durable.
            await connection.ExecuteAsync(new CommandDefinition("set synchronous_commit = off", cancellationToken: cancellationToken));
            var key = await connection.QuerySingleAsync<(Guid Id, string MasterKeyId, byte[] Wrapped)>(new CommandDefinition("""
                select k.id, k.master_key_id, k.wrapped from providers p join data_keys k on k.id = p.data_key_id where p.id = @Id
                """, new { provider.Id }, cancellationToken: cancellationToken));
            return new IngestSession(connection, provider, ring.Unwrap(key.Id, key.MasterKeyId, key.Wrapped), ring, lockKey);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
