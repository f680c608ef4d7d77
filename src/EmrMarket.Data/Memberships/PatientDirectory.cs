using Dapper;
using EmrMarket.Core.Patients;
using EmrMarket.Data.Patients;
using Npgsql;

namespace EmrMarket.Data.Memberships;

public sealed class PatientDirectory(NpgsqlDataSource dataSource, PatientRepository patients) : IPatientDirectory
{
    public async Task<bool> LinkAsync(Guid patientId, Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            insert into patient_accounts (patient_id, account_id) values (@patientId, @accountId)
            on conflict (patient_id) do update set patient_id = excluded.patient_id
            returning account_id
            """, new { patientId, accountId }, cancellationToken: cancellationToken));
        return owner == accountId;
    }

    public async Task<IReadOnlyList<Guid>> ListPatientsAsync(string providerCode, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition("""
            select p.id from patients p join providers v on v.id = p.provider_id
            where v.code = @providerCode order by p.source_id limit @limit
            """, new { providerCode, limit }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<Guid>> PatientIdsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "select patient_id from patient_accounts where account_id = @accountId order by linked_at",
            new { accountId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<PatientHoldings> HoldingsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Provider, string Type, int Count, DateTime LastUpdate)>(new CommandDefinition("""
            select v.name, r.resource_type, count(*)::int, max(r.ingested_at)
            from patient_accounts a
            join records r on r.patient_id = a.patient_id and r.current
            join providers v on v.id = r.provider_id
            where a.account_id = @accountId
            group by v.name, r.resource_type
            order by v.name, r.resource_type
            """, new { accountId }, cancellationToken: cancellationToken));
        var providers = rows.GroupBy(r => r.Provider)
            .Select(g => new ProviderHoldings(g.Key, g.ToDictionary(r => r.Type, r => r.Count),
                new DateTimeOffset(g.Max(r => r.LastUpdate), TimeSpan.Zero)))
            .ToList();
        return new PatientHoldings(await NameAsync(connection, accountId, cancellationToken), providers);
    }

    private async Task<string?> NameAsync(NpgsqlConnection connection, Guid accountId, CancellationToken cancellationToken)
    {
        var first = await connection.QueryFirstOrDefaultAsync<(Guid ProviderId, string SourceId)?>(new CommandDefinition("""
            select p.provider_id, p.source_id from patient_accounts a join patients p on p.id = a.patient_id
            where a.account_id = @accountId order by a.linked_at limit 1
            """, new { accountId }, cancellationToken: cancellationToken));
        if (first is not { } patient) return null;
        var decrypted = await patients.FindAsync(patient.ProviderId, patient.SourceId, cancellationToken);
        var name = decrypted?.Identifiers.Names.FirstOrDefault();
        return name is null ? null : string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrEmpty(p)));
    }
}
