using Dapper;
using EmrMarket.Core.Chain.Events;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// Sends a <see cref="ChainChangeSet"/> with pg_notify inside the caller's transaction, so listeners hear of a
/// change exactly when it commits.
/// </summary>
internal static class ChangeNotice
{
    /// <summary>A SQL expression building the payload of one outbox change from an id column (for inserts, whose id is not known before).</summary>
    public static string OutboxPayloadSql(string idColumn) =>
        $"json_build_object('c', json_build_array(json_build_object('k', '{ChangeKind.Outbox}', 'id', {idColumn}::text)))::text";

    public static Task SendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ChainChangeSet changes, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("select pg_notify(@channel, @payload)",
            new { channel = ChainChangeSet.Channel, payload = changes.ToPayload() }, transaction, cancellationToken: cancellationToken));

    public static ChainChangeSet Outbox(params IEnumerable<long> ids) =>
        new(ids.Select(id => new ChainChange(ChangeKind.Outbox, id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList());
}
