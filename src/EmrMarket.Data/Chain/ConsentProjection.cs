using Dapper;
using EmrMarket.Core.Chain.Indexing;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// The consent read models: the trail (chain_consent_history), each patient's latest (chain_consents), skipped
/// batch entries, and the consent requests those events settle. The current row is always recomputed from the
/// trail, so applying and rewinding give the same table as a rebuild.
/// </summary>
internal static class ConsentProjection
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IndexedRange range, CancellationToken cancellationToken)
    {
        if (range.Consents.Count > 0)
        {
            var c = range.Consents;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_consent_history (block_number, log_index, block_time, tx_hash, patient, submitter, purposes, expiry, version, updated_at)
                select * from unnest(@blocks::bigint[], @logs::int[], @times::timestamptz[], @txs::bytea[], @patients::text[], @submitters::text[],
                    @purposes::bigint[], @expiries::text[]::numeric[], @versions::bigint[], @updated::text[]::numeric[])
                """,
                new
                {
                    blocks = c.Select(e => (long)e.At.BlockNumber).ToArray(), logs = c.Select(e => e.At.LogIndex).ToArray(),
                    times = c.Select(e => e.At.BlockTime).ToArray(), txs = c.Select(e => e.At.TransactionHash.ToArray()).ToArray(),
                    patients = c.Select(e => e.Patient.ToLowerHex()).ToArray(), submitters = c.Select(e => e.Submitter.ToLowerHex()).ToArray(),
                    purposes = c.Select(e => (long)e.Purposes).ToArray(), expiries = c.Select(e => e.Expiry.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                    versions = c.Select(e => (long)e.Version).ToArray(), updated = c.Select(e => e.UpdatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
            await RefreshAsync(connection, transaction, c.Select(e => e.Patient.ToLowerHex()).Distinct().ToArray(), cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                update consent_requests r set status = 'confirmed', block_number = e.block, tx_hash = e.tx, updated_at = now()
                from unnest(@txs::bytea[], @patients::text[], @nonces::bigint[], @blocks::bigint[]) as e(tx, patient, nonce, block)
                join outbox o on o.tx_hash = e.tx
                where r.outbox_id = o.id and r.patient = e.patient and r.nonce = e.nonce and r.status = 'submitted'
                """,
                new
                {
                    txs = c.Select(e => e.At.TransactionHash.ToArray()).ToArray(), patients = c.Select(e => e.Patient.ToLowerHex()).ToArray(),
                    nonces = c.Select(e => (long)e.Version - 1).ToArray(), blocks = c.Select(e => (long)e.At.BlockNumber).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
        if (range.Skips.Count > 0)
        {
            var s = range.Skips;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_consent_skips (block_number, log_index, block_time, tx_hash, patient, batch_index, nonce, reason)
                select * from unnest(@blocks::bigint[], @logs::int[], @times::timestamptz[], @txs::bytea[], @patients::text[], @indexes::bigint[],
                    @nonces::text[]::numeric[], @reasons::smallint[])
                """,
                new
                {
                    blocks = s.Select(e => (long)e.At.BlockNumber).ToArray(), logs = s.Select(e => e.At.LogIndex).ToArray(),
                    times = s.Select(e => e.At.BlockTime).ToArray(), txs = s.Select(e => e.At.TransactionHash.ToArray()).ToArray(),
                    patients = s.Select(e => e.Patient.ToLowerHex()).ToArray(), indexes = s.Select(e => (long)e.Index).ToArray(),
                    nonces = s.Select(e => e.Nonce.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                    reasons = s.Select(e => (short)e.Reason).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                update consent_requests r set status = 'rejected', reject_reason = e.reason, block_number = e.block, tx_hash = e.tx, updated_at = now()
                from unnest(@txs::bytea[], @indexes::int[], @reasons::smallint[], @blocks::bigint[]) as e(tx, idx, reason, block)
                join outbox o on o.tx_hash = e.tx
                where r.outbox_id = o.id and r.batch_index = e.idx and r.status = 'submitted'
                """,
                new
                {
                    txs = s.Select(e => e.At.TransactionHash.ToArray()).ToArray(), indexes = s.Select(e => (int)e.Index).ToArray(),
                    reasons = s.Select(e => (short)e.Reason).ToArray(), blocks = s.Select(e => (long)e.At.BlockNumber).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
    }

    public static async Task RewindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long fork, CancellationToken cancellationToken)
    {
        var patients = (await connection.QueryAsync<string>(new CommandDefinition("""
            with gone as (delete from chain_consent_history where block_number >= @fork returning patient)
            select distinct patient from gone
            """, new { fork }, transaction, cancellationToken: cancellationToken))).ToArray();
        await RefreshAsync(connection, transaction, patients, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            delete from chain_consent_skips where block_number >= @fork;
            update consent_requests set status = 'submitted', reject_reason = null, block_number = null, tx_hash = null, updated_at = now()
            where block_number >= @fork and status in ('confirmed', 'rejected');
            """, new { fork }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Recomputes the patients' current consent from their trail.</summary>
    private static Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] patients, CancellationToken cancellationToken) =>
        patients.Length == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition("""
            delete from chain_consents where patient = any(@patients);
            insert into chain_consents (patient, purposes, expiry, version, updated_at, submitter, block_number, log_index, block_time, tx_hash)
            select distinct on (patient) patient, purposes, expiry, version, updated_at, submitter, block_number, log_index, block_time, tx_hash
            from chain_consent_history where patient = any(@patients)
            order by patient, block_number desc, log_index desc;
            """, new { patients }, transaction, cancellationToken: cancellationToken));
}
