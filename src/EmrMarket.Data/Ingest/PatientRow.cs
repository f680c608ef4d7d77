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
        update patients set gender = @gender, birth_year = @birthYear, birth_sex = @birthSex, race_code = @raceCode,
            race_display = @raceDisplay, ethnicity_code = @ethnicityCode, ethnicity_display = @ethnicityDisplay,
            deceased = @deceased, deceased_year = @deceasedYear, marital_status = @maritalStatus, language = @language,
            state = @state, zip3 = @zip3, names_enc = @names, addresses_enc = @addresses, telecom_enc = @telecom,
            identifiers_enc = @identifiers, birth_date_enc = @birthDate, updated_at = now()
        where id = @id
        """;

    public static void Write(NpgsqlBinaryImporter i, Guid id, Guid providerId, string sourceId, DataKey key, PatientFacts facts)
    {
        var d = facts.Demographics;
        var e = Encrypt(id, key, facts.Identifiers);
        i.StartRow();
        i.Uuid(id); i.Uuid(providerId); i.Text(sourceId); i.Uuid(key.Id);
        i.Text(d.Gender); i.Integer(d.BirthYear); i.Text(d.BirthSex); i.Text(d.Race?.Code); i.Text(d.Race?.Display);
        i.Text(d.Ethnicity?.Code); i.Text(d.Ethnicity?.Display); i.Boolean(d.Deceased); i.Integer(d.DeceasedYear);
        i.Text(d.MaritalStatus); i.Text(d.Language); i.Text(d.State); i.Text(d.PostalCodePrefix);
        i.Bytes(e.Names); i.Bytes(e.Addresses); i.Bytes(e.Telecom); i.Bytes(e.Identifiers); i.Bytes(e.BirthDate);
    }

    public static async Task UpdateAsync(NpgsqlConnection connection, Guid id, DataKey key, PatientFacts facts, CancellationToken cancellationToken)
    {
        var d = facts.Demographics;
        var e = Encrypt(id, key, facts.Identifiers);
        await using var command = new NpgsqlCommand(Update, connection);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
        Add(p, "gender", d.Gender); Add(p, "birthYear", d.BirthYear); Add(p, "birthSex", d.BirthSex);
        Add(p, "raceCode", d.Race?.Code); Add(p, "raceDisplay", d.Race?.Display);
        Add(p, "ethnicityCode", d.Ethnicity?.Code); Add(p, "ethnicityDisplay", d.Ethnicity?.Display);
        Add(p, "deceased", d.Deceased); Add(p, "deceasedYear", d.DeceasedYear); Add(p, "maritalStatus", d.MaritalStatus);
        Add(p, "language", d.Language); Add(p, "state", d.State); Add(p, "zip3", d.PostalCodePrefix);
        Add(p, "names", e.Names); Add(p, "addresses", e.Addresses); Add(p, "telecom", e.Telecom);
        Add(p, "identifiers", e.Identifiers); Add(p, "birthDate", e.BirthDate);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The encrypted columns; each holds the JSON of one part of <see cref="DirectIdentifiers"/>.</summary>
    public static (byte[] Names, byte[] Addresses, byte[] Telecom, byte[] Identifiers, byte[]? BirthDate) Encrypt(Guid id, DataKey key, DirectIdentifiers d) => (
        key.Encrypt("patients.names_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Names)),
        key.Encrypt("patients.addresses_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Addresses)),
        key.Encrypt("patients.telecom_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Telecom)),
        key.Encrypt("patients.identifiers_enc", id, JsonSerializer.SerializeToUtf8Bytes(d.Identifiers)),
        d.BirthDate is null ? null : key.Encrypt("patients.birth_date_enc", id, Encoding.UTF8.GetBytes(d.BirthDate)));

    private static void Add<T>(NpgsqlParameterCollection parameters, string name, T? value) =>
        parameters.Add(new NpgsqlParameter(name, value is null ? DBNull.Value : value));
}
