using Dapper;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>Session-level advisory locks named by text, held as long as their connection lives.</summary>
internal static class AdvisoryLocks
{
    /// <summary>Opens a connection and takes the lock on it; null (and the connection closed) when another session holds it.</summary>
    public static async Task<NpgsqlConnection?> TryTakeAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var taken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_try_advisory_lock(hashtextextended(@name, 0))", new { name }, cancellationToken: cancellationToken));
            if (taken) return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Releases the lock and the connection. Pooled connections are reset only when reused, so without the
    /// explicit unlock an idle pooled connection would keep the lock.
    /// </summary>
    public static async Task ReleaseAsync(NpgsqlConnection connection, string name)
    {
        try
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(hashtextextended(@name, 0))", new { name });
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and with it the lock.
        }
        await connection.DisposeAsync();
    }

    /// <summary>A held lock; disposing releases it.</summary>
    public sealed class Held(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ReleaseAsync(connection, name);
    }
}
