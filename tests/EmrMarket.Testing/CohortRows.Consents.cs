using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Rpc;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Testing;

public static partial class CohortRows
{
    private sealed record ConsentEvent(Person Patient, ulong Block, ulong Purposes, ulong Expiry, long Version);

    /// <summary>
    /// The indexed consent trail (chain_consent_history, then chain_consents from it as the indexer's projection keeps
    /// it): 80 % grant the purpose (with others) by the snapshot block, 5 % grant and revoke before it, 4 % grant only
    /// after it, 3 % grant with an expiry in 1970, the rest never consent. Returns the events and who consents at the snapshot.
    /// </summary>
    private static async Task<(int Events, int Consenting)> CopyConsentsAsync(NpgsqlConnection connection, List<Person> people, ulong purpose,
        IReadOnlyList<Block> blocks, Random random, CancellationToken cancellationToken)
    {
        var events = new List<ConsentEvent>();
        var consenting = 0;
        var others = (ulong)(Purpose.AcademicResearch | Purpose.PublicHealth) & ~purpose;
        ulong Early() => (ulong)random.Next(1, (int)SnapshotBlock / 2 + 1);
        foreach (var p in people)
        {
            var draw = random.NextDouble();
            if (draw < 0.80)
            {
                events.Add(new(p, (ulong)random.Next(1, (int)SnapshotBlock + 1), purpose | others, 0, 1));
                consenting++;
            }
            else if (draw < 0.85)
            {
                events.Add(new(p, Early(), purpose | others, 0, 1));
                events.Add(new(p, (ulong)random.Next((int)SnapshotBlock / 2 + 1, (int)SnapshotBlock + 1), others, 0, 2));
            }
            else if (draw < 0.89) events.Add(new(p, (ulong)random.Next((int)SnapshotBlock + 1, (int)LastBlock + 1), purpose | others, 0, 1));
            else if (draw < 0.92) events.Add(new(p, Early(), purpose, 1, 1));
        }
        var logIndex = new int[LastBlock + 1];
        var written = await Copy(connection, """
            copy chain_consent_history (block_number, log_index, block_time, tx_hash, patient, submitter, purposes, expiry, version, updated_at)
            from stdin (format binary)
            """, events.OrderBy(e => e.Block), (w, e) =>
        {
            var block = blocks[(int)e.Block - 1];
            var time = DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp);
            w.Write((long)e.Block, NpgsqlDbType.Bigint);
            w.Write(logIndex[e.Block]++, NpgsqlDbType.Integer);
            w.Write(time, NpgsqlDbType.TimestampTz);
            w.Write(Bytes(random, 32), NpgsqlDbType.Bytea);
            w.Write(e.Patient.Wallet.ToLowerHex(), NpgsqlDbType.Text);
            w.Write(e.Patient.Wallet.ToLowerHex(), NpgsqlDbType.Text);
            w.Write((long)e.Purposes, NpgsqlDbType.Bigint);
            w.Write((decimal)e.Expiry, NpgsqlDbType.Numeric);
            w.Write(e.Version, NpgsqlDbType.Bigint);
            w.Write((decimal)block.Timestamp, NpgsqlDbType.Numeric);
        }, cancellationToken);
        await using var latest = new NpgsqlCommand("""
            insert into chain_consents (patient, purposes, expiry, version, updated_at, submitter, block_number, log_index, block_time, tx_hash)
            select distinct on (patient) patient, purposes, expiry, version, updated_at, submitter, block_number, log_index, block_time, tx_hash
            from chain_consent_history order by patient, block_number desc, log_index desc
            """, connection);
        await latest.ExecuteNonQueryAsync(cancellationToken);
        return (written, consenting);
    }
}
