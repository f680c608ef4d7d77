using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Ledger.Primitives;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Testing;

/// <summary>
/// Read-model rows written straight into PostgreSQL with binary COPY: offers with their datasets, and a consent
/// trail, as the indexer and the builder would have stored them. For query tests and the web benchmark, where
/// thousands of offers would take far too long to list through the chain.
/// </summary>
public static class MarketRows
{
    public sealed record Offer(ulong OfferId, string Title, string Description, ulong Purpose, int Patients, int K, double Risk,
        BigInteger Price, OfferStatus Status, IReadOnlyList<string> ConditionCodes, DateTimeOffset ListedAt)
    {
        public Guid DatasetId { get; init; } = Guid.NewGuid();
        public EthAddress Token { get; init; } = EthAddress.Parse("0x00000000000000000000000000000000000000d0");
    }

    public sealed record Consent(EthAddress Patient, ulong Purposes, ulong Version, ulong Block, int LogIndex, DateTimeOffset At);

    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Conditions = ["44054006", "38341003", "195967001", "49436004", "73211009", "162864005"];
    private static readonly string[] Words = ["Diabetes", "Hypertension", "Asthma", "Cardiology", "Oncology", "Obesity", "Sepsis", "Stroke"];

    /// <summary>Offers 1…<paramref name="count"/> with varied purposes, sizes, k, prices and statuses (seeded).</summary>
    public static IReadOnlyList<Offer> GenerateOffers(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count).Select(i =>
        {
            var word = Words[random.Next(Words.Length)];
            return new Offer((ulong)i, $"{word} cohort {i}", $"De-identified {word.ToLowerInvariant()} patients, release {i}.",
                1UL << random.Next(6), random.Next(20, 5000), new[] { 2, 5, 10, 20 }[random.Next(4)], Math.Round(random.NextDouble() / 2, 3),
                new BigInteger(random.Next(1, 2000)) * 1_000_000, random.Next(10) == 0 ? OfferStatus.Paused : OfferStatus.Active,
                [Conditions[random.Next(Conditions.Length)]], Epoch.AddMinutes(i));
        }).ToList();
    }

    /// <summary>
    /// <paramref name="count"/> consent changes over <paramref name="patients"/> patients, 50 per block, each patient's
    /// versions counting up from 1 (seeded).
    /// </summary>
    public static IReadOnlyList<Consent> GenerateConsents(int count, int patients, int seed)
    {
        var random = new Random(seed);
        var addresses = Enumerable.Range(0, patients).Select(_ => new EthAddress(RandomNumberGenerator.GetBytes(20))).ToArray();
        var versions = new ulong[patients];
        return Enumerable.Range(0, count).Select(i =>
        {
            var who = random.Next(patients);
            var block = (ulong)(1 + i / 50);
            return new Consent(addresses[who], (ulong)random.Next(64), ++versions[who], block, i % 50, Epoch.AddSeconds(2 * (double)block));
        }).ToList();
    }

    public static async Task CopyOffersAsync(NpgsqlDataSource dataSource, IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync("""
            copy datasets (id, title, description, purposes, cohort, policy, privacy, consent_block, status, patient_count, row_count,
                           manifest_hash, rows_root, payout_root, total_weight, package_path, package_bytes, offer_id, created_by, created_at)
            from stdin (format binary)
            """, cancellationToken))
        {
            foreach (var o in offers)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(o.DatasetId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(o.Title, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(o.Description, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync((long)o.Purpose, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(new JsonObject { ["conditionCodes"] = new JsonArray([.. o.ConditionCodes.Select(c => JsonValue.Create(c))]) }.ToJsonString(), NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync(new JsonObject { ["quasiIdentifiers"] = new JsonArray("age", "sex"), ["k"] = o.K, ["suppressionLimit"] = 0.05 }.ToJsonString(), NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync(new JsonObject { ["outputRisk"] = new JsonObject { ["prosecutorHighest"] = o.Risk } }.ToJsonString(), NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(o.Status == OfferStatus.Paused ? "paused" : "listed", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(o.Patients, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync((long)o.Patients * 7, NpgsqlDbType.Bigint, cancellationToken);
                for (var h = 0; h < 3; h++) await writer.WriteAsync(RandomNumberGenerator.GetBytes(32), NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync((decimal)o.Patients * 7, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync($"/nonexistent/{o.DatasetId}.zip", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(1000L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync((long)o.OfferId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync("rows", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(o.ListedAt.AddMinutes(-1), NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("""
            copy chain_offers (offer_id, curator, replaces_offer_id, manifest_hash, rows_root, payout_root, total_weight, purpose, token,
                               listed_price, licence_cap, end_time, price, status, licences_sold, pool_total, claimed_total, updated_block,
                               block_number, log_index, block_time, tx_hash)
            from stdin (format binary)
            """, cancellationToken))
        {
            foreach (var o in offers)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync((decimal)o.OfferId, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync("0x00000000000000000000000000000000000000c0", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
                for (var h = 0; h < 3; h++) await writer.WriteAsync(RandomNumberGenerator.GetBytes(32), NpgsqlDbType.Bytea, cancellationToken);
                await writer.WriteAsync((decimal)o.Patients * 7, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync((long)o.Purpose, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(o.Token.ToLowerHex(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync((decimal)o.Price, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync((decimal)o.Price, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync((short)o.Status, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync((long)o.OfferId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync((long)o.OfferId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(o.ListedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(RandomNumberGenerator.GetBytes(32), NpgsqlDbType.Bytea, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
    }

    public static async Task CopyConsentsAsync(NpgsqlDataSource dataSource, IReadOnlyList<Consent> consents, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync("""
            copy chain_consent_history (block_number, log_index, block_time, tx_hash, patient, submitter, purposes, expiry, version, updated_at)
            from stdin (format binary)
            """, cancellationToken);
        foreach (var c in consents)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync((long)c.Block, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(c.LogIndex, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.At, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(RandomNumberGenerator.GetBytes(32), NpgsqlDbType.Bytea, cancellationToken);
            await writer.WriteAsync(c.Patient.ToLowerHex(), NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(c.Patient.ToLowerHex(), NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync((long)c.Purposes, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync((long)c.Version, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync((decimal)c.At.ToUnixTimeSeconds(), NpgsqlDbType.Numeric, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
