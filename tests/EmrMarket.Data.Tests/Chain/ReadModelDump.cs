using Dapper;
using EmrMarket.Data.Chain;
using Npgsql;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>Every read-model table as sorted text rows, to compare an incremental index with a rebuild.</summary>
public static class ReadModelDump
{
    public static async Task<Dictionary<string, string>> TakeAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var dump = new Dictionary<string, string>();
        foreach (var table in ChainIndexStore.Tables)
            dump[table] = await connection.ExecuteScalarAsync<string>($"select coalesce(string_agg(t::text, E'\\n' order by t::text), '') from {table} t") ?? "";
        return dump;
    }
}
