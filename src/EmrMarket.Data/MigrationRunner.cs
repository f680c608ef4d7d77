using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmrMarket.Data;

/// <summary>
/// Applies the numbered SQL files in Migrations/ in order, each in its own transaction, and records
/// them in schema_migrations. Forward-only: an applied file that has since changed is an error.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Any constant: serialises concurrent runners (two app instances starting together).
    private const long AdvisoryLockKey = 0x454d524d41524b54;

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Applies what is pending; returns the versions applied now.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                create table if not exists schema_migrations (
                    version    integer primary key,
                    name       text        not null,
                    checksum   text        not null,
                    applied_at timestamptz not null default now()
                )
                """, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<(int Version, string Checksum)>(new CommandDefinition(
                "select version, checksum from schema_migrations", cancellationToken: cancellationToken)))
                .ToDictionary(r => r.Version, r => r.Checksum);

            var appliedNow = new List<int>();
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"migration {migration.Name} changed after it was applied; migrations are forward-only, add a new one");
                    continue;
                }
                await ApplyAsync(connection, migration, cancellationToken);
                appliedNow.Add(migration.Version);
            }
            return appliedNow;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "select pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>The highest applied version, or 0 for an empty database.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('schema_migrations') is not null", cancellationToken: cancellationToken));
        return exists
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "select coalesce(max(version), 0) from schema_migrations", cancellationToken: cancellationToken))
            : 0;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into schema_migrations (version, name, checksum) values (@Version, @Name, @Checksum)",
            migration, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Applied migration {Migration}", migration.Name);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        // Resource names look like EmrMarket.Data.Migrations.0001_audit_log.sql
        var name = resource["EmrMarket.Data.Migrations.".Length..];
        var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0 || name[digits.Length] != '_')
            throw new InvalidOperationException($"migration {name} must be named NNNN_description.sql");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new Migration(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), name, sql, checksum);
    }
}

public sealed record Migration(int Version, string Name, string Sql, string Checksum);
