using System.Text;
using Dapper;
using EmrMarket.Core.Datasets;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Datasets;

public sealed class CohortQueries(NpgsqlDataSource dataSource) : ICohortQueries
{
    public async Task<IReadOnlyList<CohortMember>> FindAsync(CohortDefinition cohort, DateOnly asOf, CancellationToken cancellationToken)
    {
        cohort.Validate();
        var (sql, parameters) = Build(cohort, asOf);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, int? BirthYear, string? Gender, string? Wallet)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new CohortMember(r.Id, r.BirthYear, r.Gender, r.Wallet is null ? null : EthAddress.Parse(r.Wallet))).ToList();
    }

    internal static (string Sql, DynamicParameters Parameters) Build(CohortDefinition cohort, DateOnly asOf)
    {
        var parameters = new DynamicParameters();
        var sql = new StringBuilder("""
            select p.id, p.birth_year, p.gender, w.address
            from patients p
            left join patient_accounts a on a.patient_id = p.id
            left join wallets w on w.account_id = a.account_id
            where true
            """);
        var from = cohort.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = cohort.To?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        parameters.Add("from", from);
        parameters.Add("to", to);
        if (cohort.MinAge is { } minAge)
        {
            sql.Append("\n  and p.birth_year <= @maxBirthYear");
            parameters.Add("maxBirthYear", asOf.Year - minAge);
        }
        if (cohort.MaxAge is { } maxAge)
        {
            sql.Append("\n  and p.birth_year >= @minBirthYear");
            parameters.Add("minBirthYear", asOf.Year - maxAge);
        }
        if (cohort.Sex is { } sex)
        {
            sql.Append("\n  and p.gender = @sex");
            parameters.Add("sex", sex);
        }
        if (cohort.ConditionCodes.Count > 0)
        {
            sql.Append("""

                  and exists (select 1 from conditions c where c.patient_id = p.id and c.code = any(@conditionCodes)
                              and (@from::timestamptz is null or c.onset >= @from) and (@to::timestamptz is null or c.onset < @to))
                """);
            parameters.Add("conditionCodes", cohort.ConditionCodes.ToArray());
        }
        for (var i = 0; i < cohort.Observations.Count; i++)
        {
            var threshold = cohort.Observations[i];
            sql.Append($"""

                  and exists (select 1 from observations o where o.patient_id = p.id and o.code = @obsCode{i}
                              and (@obsMin{i}::float8 is null or o.value_number >= @obsMin{i}) and (@obsMax{i}::float8 is null or o.value_number <= @obsMax{i})
                              and (@from::timestamptz is null or o.effective >= @from) and (@to::timestamptz is null or o.effective < @to))
                """);
            parameters.Add($"obsCode{i}", threshold.Code);
            parameters.Add($"obsMin{i}", threshold.Min);
            parameters.Add($"obsMax{i}", threshold.Max);
        }
        sql.Append("\norder by p.id");
        return (sql.ToString(), parameters);
    }
}
