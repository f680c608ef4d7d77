using System.Globalization;
using System.Threading.Channels;
using Dapper;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Consent;
using EmrMarket.Data.Chain;
using Npgsql;

namespace EmrMarket.Data.Consent;

/// <summary>
/// Stores consent requests in groups: requests arriving together share one transaction and one durable commit
/// (the commit's WAL flush, not the signing, limits how many patients per second can change their consent).
/// Within the transaction every patient in the group is locked, their next nonces read once, and each request
/// signed with its own nonce in arrival order, so quick successive changes of one patient get consecutive nonces.
/// </summary>
internal sealed class ConsentRequestWriter : IAsyncDisposable
{
    private const int MaxGroup = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public ConsentRequestWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _loop = Task.Run(RunAsync);
    }

    public Task<ConsentRequest> InsertAsync(NewConsentRequest request, Func<ulong, byte[]> sign, CancellationToken cancellationToken)
    {
        var item = new Item(request, sign);
        if (!_queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(ConsentRequestWriter));
        return item.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var group = new List<Item>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item)) group.Add(item);
            try
            {
                await WriteAsync(_dataSource, group);
            }
            catch (Exception e)
            {
                foreach (var item in group) item.Done.TrySetException(e);
            }
            group.Clear();
        }
    }

    private static async Task WriteAsync(NpgsqlDataSource source, List<Item> group)
    {
        var patients = group.Select(i => i.Request.Patient.ToLowerHex()).Distinct().Order(StringComparer.Ordinal).ToArray();
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Two statements in one round trip: the nonces are read after the locks are held (each statement takes a new snapshot).
        // Locks are taken in address order (the array is sorted), so two app instances' groups never wait on each other in a cycle.
        Dictionary<string, ulong> next;
        await using (var reader = await connection.QueryMultipleAsync(new CommandDefinition($"""
            select pg_advisory_xact_lock(hashtextextended('emr:consent:' || p, 0)) from unnest(@patients::text[]) as p;
            {ConsentRequestRepository.NextNonceSql}
            """, new { patients }, transaction)))
        {
            await reader.ReadAsync();
            next = (await reader.ReadAsync<(string Patient, long Next)>()).ToDictionary(r => r.Patient, r => (ulong)r.Next);
        }

        var numbered = new List<(Item Item, ulong Nonce)>();
        foreach (var item in group)
        {
            var patient = item.Request.Patient.ToLowerHex();
            var nonce = next[patient];
            if (item.Request.SignedNonce is { } signed && signed != nonce)
            {
                item.Done.TrySetException(new ConsentException($"the signature is for consent number {signed}, but the next one is number {nonce}; sign again"));
                continue;
            }
            numbered.Add((item, nonce));
            next[patient] = nonce + 1;
        }
        // Signing is the CPU-heavy part: both cores, while the nonces stay in arrival order.
        var signatures = new byte[]?[numbered.Count];
        Parallel.For(0, numbered.Count, i =>
        {
            try
            {
                signatures[i] = numbered[i].Item.Sign(numbered[i].Nonce);
            }
            catch (Exception e)
            {
                numbered[i].Item.Done.TrySetException(e);
            }
        });
        var rows = numbered.Select((n, i) => (n.Item, n.Nonce, Signature: signatures[i]!)).Where(r => r.Signature is not null).ToList();
        if (rows.Count == 0) return;

        var inserted = (await connection.QueryAsync<ConsentRequestRow>(new CommandDefinition($"""
            with inserted as (
                insert into consent_requests (account_id, patient, purposes, expiry, nonce, deadline, signature, source)
                select account, patient, purposes, expiry::numeric, nonce, deadline, signature, source
                from unnest(@accounts::uuid[], @patients::text[], @purposes::bigint[], @expiries::text[], @nonces::bigint[], @deadlines::bigint[],
                    @signatures::bytea[], @sources::text[]) with ordinality
                    as r(account, patient, purposes, expiry, nonce, deadline, signature, source, n)
                order by n
                returning {ConsentRequestRow.Columns})
            select inserted.* from inserted, pg_notify(@channel, @payload)
            """,
            new
            {
                accounts = rows.Select(r => r.Item.Request.AccountId).ToArray(), patients = rows.Select(r => r.Item.Request.Patient.ToLowerHex()).ToArray(),
                purposes = rows.Select(r => (long)r.Item.Request.Purposes).ToArray(),
                expiries = rows.Select(r => r.Item.Request.Expiry.ToString(CultureInfo.InvariantCulture)).ToArray(),
                nonces = rows.Select(r => (long)r.Nonce).ToArray(), deadlines = rows.Select(r => (long)r.Item.Request.Deadline).ToArray(),
                signatures = rows.Select(r => r.Signature).ToArray(), sources = rows.Select(r => r.Item.Request.Source.ToString().ToLowerInvariant()).ToArray(),
                channel = ChainChangeSet.Channel,
                payload = new ChainChangeSet(patients.Select(p => new ChainChange(ChangeKind.Consent, p)).ToList()).ToPayload(),
            }, transaction))).Select(r => r.ToRequest()).ToDictionary(r => (r.Message.Patient, r.Message.Nonce));
        await transaction.CommitAsync();
        foreach (var (item, nonce, _) in rows) item.Done.TrySetResult(inserted[(item.Request.Patient, nonce)]);
    }

    private sealed record Item(NewConsentRequest Request, Func<ulong, byte[]> Sign)
    {
        public TaskCompletionSource<ConsentRequest> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
