using System.Text;
using System.Text.Json;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir.Model;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// A patients row: quasi-identifiers in the clear, direct identifiers encrypted one column each under the
/// patient's data key (associated data: column and patient id).
/// </summary>
internal static class PatientRow
{
    public const string Copy =
        "copy patients (id, provider_id, source_id, data_key_id, gender, birth_year, birth_sex, race_code, race_display, ethnicity_code, ethnicity_display, deceased, deceased_year, marital_status, language, state, zip3, names_enc, addresses_enc, telecom_enc, identifiers_enc, birth_date_enc) from stdin (format binary)";

    public const string Update = """
        update patients set gender = $2, birth_year = $3, birth_sex = $4, race_code = $5, race_display = $6,
            ethnicity_code = $7, ethnicity_display = $8, deceased = $9, deceased_year = $10, marital_status = $11,
            language = $12, state = $13, zip3 = $14, names_enc = $15, addresses_enc = $16, telecom_enc = $17,
            identifiers_enc = $18, birth_date_enc = $19, updated_at = now()
        where id = $1
        """;

    public static void Write(NpgsqlBinaryImporter i, Guid id, Guid providerId, string sourceId, DataKey key, PatientFacts facts)
    {
        var d = facts.Demographics;
        var e = Encrypt(id, key, facts.Identifiers);
        i.Uuid(id); i.Uuid(providerId); i.Text(sourceId); i.Uuid(key.Id);
        i.Text(d.Gender); i.Integer(d.BirthYear); i.Text(d.BirthSex); i.Text(d.Race?.Code); i.Text(d.Race?.Display);
        i.Text(d.Ethnicity?.Code); i.Text(d.Ethnicity?.Display); i.Boolean(d.Deceased); i.Integer(d.DeceasedYear);
        i.Text(d.MaritalStatus); i.Text(d.Language); i.Text(d.State); i.Text(d.PostalCodePrefix);
        i.Bytes(e.Names); i.Bytes(e.Addresses); i.Bytes(e.Telecom); i.Bytes(e.Identifiers); i.Bytes(e.BirthDate);
    }

    /// <summary>The update of a stored patient, for a batch (positional parameters, in the order of <see cref="Update"/>).</summary>
    public static NpgsqlBatchCommand UpdateCommand(Guid id, DataKey key, PatientFacts facts)
    {
        var d = facts.Demographics;
        var e = Encrypt(id, key, facts.Identifiers);
        var command = new NpgsqlBatchCommand(Update);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid });
        Add(p, d.Gender, NpgsqlDbType.Text); Add(p, d.BirthYear, NpgsqlDbType.Integer); Add(p, d.BirthSex, NpgsqlDbType.Text);
        Add(p, d.Race?.Code, NpgsqlDbType.Text); Add(p, d.Race?.Display, NpgsqlDbType.Text);
        Add(p, d.Ethnicity?.Code, NpgsqlDbType.Text); Add(p, d.Ethnicity?.Display, NpgsqlDbType.Text);
        Add(p, d.Deceased, NpgsqlDbType.Boolean); Add(p, d.DeceasedYear, NpgsqlDbType.Integer); Add(p, d.MaritalStatus, NpgsqlDbType.Text);
        Add(p, d.Language, NpgsqlDbType.Text); Add(p, d.State, NpgsqlDbType.Text); Add(p, d.PostalCodePrefix, NpgsqlDbType.Text);
        Add(p, e.Names, NpgsqlDbType.Bytea); Add(p, e.Addresses, NpgsqlDbType.Bytea); Add(p, e.Telecom, NpgsqlDbType.Bytea);
        Add(p, e.Identifiers, NpgsqlDbType.Bytea); Add(p, e.BirthDate, NpgsqlDbType.Bytea);
        return command;
    }

    /// <summary>The encrypted columns; each holds the JSON of one part of <see cref="DirectIdentifiers"/>.</summary>
    public static (byte[] Names, byte[] Addresses, byte[] Telecom, byte[] Identifiers, byte[]? BirthDate) Encrypt(Guid id, DataKey key, DirectIdentifiers d) => (
        key.Encrypt("patients.names_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Names)),
        key.Encrypt("patients.addresses_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Addresses)),
        key.Encrypt("patients.telecom_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Telecom)),
        key.Encrypt("patients.identifiers_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Identifiers)),
        d.BirthDate is null ? null : key.Encrypt("patients.birth_date_enc", id, Encoding.UTF8.GetBytes(d.BirthDate)));

    private static void Add(NpgsqlParameterCollection parameters, object? value, NpgsqlDbType type) =>
        parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
}
