using System.Globalization;
using System.Text.Json;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Data.Chain;
using EmrMarket.Data.Datasets;
using EmrMarket.Data.Encryption;
using EmrMarket.Data.Ingest;
using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Synthetic;
using EmrMarket.Fhir.Model;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Testing;

/// <summary>
/// A large cohort written straight into PostgreSQL with binary COPY, as ingest, sign-up and the indexer would have
/// stored it: patients (demographics from <see cref="SyntheticPatients"/>, direct identifiers encrypted under their
/// own wrapped data key), a few conditions and lab/vital observations each, a patient account with a wallet each,
/// and the indexed consent trail up to the chain's head. For the dataset-build benchmark and its smoke test, where
/// ingesting and consenting 100,000 patients the normal way would take many minutes.
/// </summary>
public static partial class CohortRows
{
    /// <summary>The consent trail's events are at blocks 1 to <see cref="LastBlock"/>; builds read consent at this block.</summary>
    public const ulong SnapshotBlock = 20;

    /// <summary>The chain must have at least this many blocks (mine them first); later grants land after the snapshot.</summary>
    public const ulong LastBlock = 24;

    /// <summary>What was loaded, and how many patients consent to the purpose at <see cref="SnapshotBlock"/>.</summary>
    public sealed record Loaded(Guid ProviderId, int Patients, int Conditions, int Observations, int ConsentEvents, int ConsentingAtSnapshot);

    /// <summary>
    /// Loads <paramref name="patients"/> patients into a migrated, empty database and resets the indexer's cursor to the
    /// chain's head. About 80 % consent to <paramref name="purpose"/> at <see cref="SnapshotBlock"/>; the others never
    /// consented, revoked before it, granted only after it, or granted with an expiry long past (seeded).
    /// </summary>
    public static async Task<Loaded> CopyAsync(NpgsqlDataSource dataSource, MasterKeyRing ring, EthRpc rpc, int patients, ulong purpose, int seed,
        CancellationToken cancellationToken)
    {
        var head = await rpc.BlockNumberAsync(cancellationToken);
        if (head < LastBlock) throw new InvalidOperationException($"the chain has {head} blocks; the consent trail needs {LastBlock} (mine them first)");
        var blocks = new List<Block>();
        for (var n = 1UL; n <= head; n++) blocks.Add((await rpc.GetBlockByNumberAsync(BlockTag.Number(n), cancellationToken))!);
        await new ChainIndexStore(dataSource).ResetAsync("bench-cohort",
            new IndexedBlock(head, blocks[^1].Hash, DateTimeOffset.FromUnixTimeSeconds((long)blocks[^1].Timestamp)), cancellationToken);

        var provider = await new IngestStore(dataSource, ring).CreateProviderAsync($"cohort-{seed}", "Cohort Hospital", cancellationToken);
        var people = Generate(patients, seed);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await CopyPatientsAsync(connection, ring, provider.Id, people, cancellationToken);
        await CopyAccountsAsync(connection, people, cancellationToken);
        var conditions = await CopyConditionsAsync(connection, people, cancellationToken);
        var observations = await CopyObservationsAsync(connection, people, seed, cancellationToken);
        var (events, consenting) = await CopyConsentsAsync(connection, people, purpose, blocks, new Random(seed + 1), cancellationToken);
        await using (var analyze = new NpgsqlCommand("analyze", connection)) await analyze.ExecuteNonQueryAsync(cancellationToken);
        return new Loaded(provider.Id, patients, conditions, observations, events, consenting);
    }

    /// <summary>The dataset builder over the loaded tables, with consent read from the indexed trail (as the app wires it).</summary>
    public static DatasetBuilder Builder(NpgsqlDataSource dataSource, EthRpc rpc, string packageFolder) => new(
        new CohortQueries(dataSource), new IndexedConsentSnapshot(new ConsentReadRepository(dataSource), new ChainIndexStore(dataSource), rpc),
        new ClinicalExtracts(dataSource), new DatasetStore(dataSource), Options.Create(new DatasetOptions { StorageFolder = packageFolder }),
        TimeProvider.System, NullLogger<DatasetBuilder>.Instance);

    private sealed record Person(Guid Id, Guid AccountId, EthAddress Wallet, int Age, string Sex, string Zip3, string Race, string Ethnicity, string Marital)
    {
        public List<Condition> Conditions { get; } = [];
    }

    private static List<Person> Generate(int count, int seed)
    {
        var table = SyntheticPatients.Generate(count, quasiIdentifiers: 7, seed: (ulong)seed, identifiers: false).Table;
        string? Cell(string column, int row) => table[row, table.RequireColumn(column)];
        var random = new Random(seed);
        var people = new List<Person>(count);
        for (var r = 0; r < count; r++)
        {
            var person = new Person(NewGuid(random), NewGuid(random), new EthAddress(Bytes(random, 20)), int.Parse(Cell("age", r)!, CultureInfo.InvariantCulture),
                Cell("sex", r)!, Cell("zip", r)![..3], Cell("race", r)!, Cell("ethnicity", r)!, Cell("marital_status", r)!);
            person.Conditions.AddRange(ConditionsOf(person, random));
            people.Add(person);
        }
        return people;
    }

    private sealed record Sealed(Guid KeyId, byte[] Wrapped, byte[] Names, byte[] Addresses, byte[] Telecom, byte[] Identifiers, byte[] BirthDate);

    private static async Task CopyPatientsAsync(NpgsqlConnection connection, MasterKeyRing ring, Guid providerId, List<Person> people,
        CancellationToken cancellationToken)
    {
        var thisYear = DateTime.UtcNow.Year;
        var sealedRows = people.Select(p => Seal(ring, p, thisYear - p.Age)).ToList();
        await Copy(connection, "copy data_keys (id, master_key_id, wrapped) from stdin (format binary)", sealedRows, (w, s) =>
        {
            w.Write(s.KeyId, NpgsqlDbType.Uuid);
            w.Write(ring.CurrentId, NpgsqlDbType.Text);
            w.Write(s.Wrapped, NpgsqlDbType.Bytea);
        }, cancellationToken);
        await Copy(connection, """
            copy patients (id, provider_id, source_id, data_key_id, gender, birth_year, birth_sex, race_code, race_display, ethnicity_code,
                           ethnicity_display, deceased, marital_status, language, state, zip3, names_enc, addresses_enc, telecom_enc,
                           identifiers_enc, birth_date_enc)
            from stdin (format binary)
            """, people.Zip(sealedRows), (w, row) =>
        {
            var (p, s) = row;
            var gender = Gender(p);
            var state = UsZipAreas.StateOf(p.Zip3);
            w.Write(p.Id, NpgsqlDbType.Uuid);
            w.Write(providerId, NpgsqlDbType.Uuid);
            w.Write($"cohort-{p.Id:N}", NpgsqlDbType.Text);
            w.Write(s.KeyId, NpgsqlDbType.Uuid);
            w.Write(gender, NpgsqlDbType.Text);
            w.Write(thisYear - p.Age, NpgsqlDbType.Integer);
            Text(w, gender is "unknown" ? null : gender[..1].ToUpperInvariant());
            Text(w, RaceCode(p.Race));
            w.Write(p.Race, NpgsqlDbType.Text);
            Text(w, p.Ethnicity switch { "Hispanic or Latino" => "2135-2", "Not Hispanic or Latino" => "2186-5", _ => null });
            w.Write(p.Ethnicity, NpgsqlDbType.Text);
            w.Write(false, NpgsqlDbType.Boolean);
            w.Write(MaritalCode(p.Marital), NpgsqlDbType.Text);
            w.Write("en", NpgsqlDbType.Text);
            Text(w, state.Length == 2 ? state : null);
            w.Write(p.Zip3, NpgsqlDbType.Text);
            foreach (var cipher in (byte[][])[s.Names, s.Addresses, s.Telecom, s.Identifiers, s.BirthDate]) w.Write(cipher, NpgsqlDbType.Bytea);
        }, cancellationToken);
    }

    /// <summary>A fresh data key wrapped under the master key, and the direct identifiers sealed under it as ingest stores them (PatientRow).</summary>
    private static Sealed Seal(MasterKeyRing ring, Person p, int birthYear)
    {
        var (key, material) = DataKey.Create();
        using (key)
        {
            var name = new HumanName("official", null, $"Cohort{p.Id.ToString()[..6]}", ["Pat"], [], []);
            var address = new Address("home", ["1 Main St"], "Springfield", null, UsZipAreas.StateOf(p.Zip3), $"{p.Zip3}01", "US", null, null);
            var mrn = new PatientIdentifier(IdentifierKind.MedicalRecordNumber, "urn:cohort:mrn", p.Id.ToString("N"));
            return new Sealed(key.Id, ring.Wrap(key.Id, material),
                key.Encrypt("patients.names_enc", p.Id, JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<HumanName>>([name])),
                key.Encrypt("patients.addresses_enc", p.Id, JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<Address>>([address])),
                key.Encrypt("patients.telecom_enc", p.Id, "[]"u8),
                key.Encrypt("patients.identifiers_enc", p.Id, JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<PatientIdentifier>>([mrn])),
                key.Encrypt("patients.birth_date_enc", p.Id, System.Text.Encoding.UTF8.GetBytes($"{birthYear}-06-15")));
        }
    }

    private static async Task CopyAccountsAsync(NpgsqlConnection connection, List<Person> people, CancellationToken cancellationToken)
    {
        await Copy(connection, "copy accounts (id, email, display_name, roles, password_hash, security_stamp) from stdin (format binary)", people, (w, p) =>
        {
            w.Write(p.AccountId, NpgsqlDbType.Uuid);
            w.Write($"{p.AccountId:N}@cohort.emrmarket.test", NpgsqlDbType.Text);
            w.Write("Cohort patient", NpgsqlDbType.Text);
            w.Write(new[] { "patient" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write("!", NpgsqlDbType.Text); // no password can match: these accounts never sign in
            w.Write(p.AccountId.ToString("N"), NpgsqlDbType.Text);
        }, cancellationToken);
        await Copy(connection, "copy wallets (account_id, address, kind) from stdin (format binary)", people, (w, p) =>
        {
            w.Write(p.AccountId, NpgsqlDbType.Uuid);
            w.Write(p.Wallet.ToLowerHex(), NpgsqlDbType.Text);
            w.Write("external", NpgsqlDbType.Text);
        }, cancellationToken);
        await Copy(connection, "copy patient_accounts (patient_id, account_id) from stdin (format binary)", people, (w, p) =>
        {
            w.Write(p.Id, NpgsqlDbType.Uuid);
            w.Write(p.AccountId, NpgsqlDbType.Uuid);
        }, cancellationToken);
    }

    private static async Task<int> Copy<T>(NpgsqlConnection connection, string copy, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write,
        CancellationToken cancellationToken)
    {
        var count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            writer.StartRow();
            write(writer, row);
            count++;
        }
        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    private static void Text(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null) writer.WriteNull();
        else writer.Write(value, NpgsqlDbType.Text);
    }

    private static string Gender(Person p) => p.Sex switch { "F" => "female", "M" => "male", _ => "unknown" };

    private static string? RaceCode(string race) => race switch
    {
        "White" => "2106-3", "Black or African American" => "2054-5", "Asian" => "2028-9", "American Indian or Alaska Native" => "1002-5",
        "Native Hawaiian or Other Pacific Islander" => "2076-8", "Other" => "2131-1", _ => null,
    };

    // HL7 v3 MaritalStatus, as ingest stores Patient.maritalStatus.
    private static string MaritalCode(string marital) => marital switch
    {
        "Married" => "M", "Never married" => "S", "Divorced" => "D", "Widowed" => "W", "Separated" => "L", _ => "UNK",
    };

    private static Guid NewGuid(Random random) => new(Bytes(random, 16));

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
