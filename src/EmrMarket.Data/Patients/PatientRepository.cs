using System.Text;
using System.Text.Json;
using Dapper;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir.Model;
using Npgsql;

namespace EmrMarket.Data.Patients;

/// <summary>Reads patients and records back, decrypting with their data keys; without the master key it cannot.</summary>
public sealed class PatientRepository(NpgsqlDataSource dataSource, MasterKeyRing ring)
{
    /// <summary>The patient with the provider's <paramref name="sourceId"/>, decrypted; null when there is none.</summary>
    public async Task<DecryptedPatient?> FindAsync(Guid providerId, string sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PatientRow>(new CommandDefinition("""
            select p.id, p.source_id as SourceId, k.id as KeyId, k.master_key_id as MasterKeyId, k.wrapped, p.names_enc as NamesEnc,
                   p.addresses_enc as AddressesEnc, p.telecom_enc as TelecomEnc, p.identifiers_enc as IdentifiersEnc,
                   p.birth_date_enc as BirthDateEnc, r.id as RecordId, r.payload_enc as PayloadEnc
            from patients p
            join data_keys k on k.id = p.data_key_id
            join records r on r.provider_id = p.provider_id and r.resource_type = 'Patient' and r.source_id = p.source_id and r.current
            where p.provider_id = @providerId and p.source_id = @sourceId
            """, new { providerId, sourceId }, cancellationToken: cancellationToken));
        if (rows.FirstOrDefault() is not { } row) return null;
        using var key = ring.Unwrap(row.KeyId, row.MasterKeyId, row.Wrapped);
        T Open<T>(string column, byte[] ciphertext) => JsonSerializer.Deserialize<T>(key.Decrypt(column, row.Id, ciphertext))!;
        var identifiers = new DirectIdentifiers(
            Open<List<HumanName>>("patients.names_enc", row.NamesEnc),
            Open<List<Address>>("patients.addresses_enc", row.AddressesEnc),
            Open<List<ContactPoint>>("patients.telecom_enc", row.TelecomEnc),
            Open<List<PatientIdentifier>>("patients.identifiers_enc", row.IdentifiersEnc),
            row.BirthDateEnc is null ? null : Encoding.UTF8.GetString(key.Decrypt("patients.birth_date_enc", row.Id, row.BirthDateEnc)),
            null);
        return new DecryptedPatient(row.Id, row.SourceId, identifiers, key.Decrypt("records.payload_enc", row.RecordId, row.PayloadEnc));
    }

    /// <summary>A record version's canonical JSON, decrypted with its owner's data key.</summary>
    public async Task<byte[]> ReadPayloadAsync(Guid recordId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(Guid KeyId, string MasterKeyId, byte[] Wrapped, byte[] Payload)>(new CommandDefinition("""
            select k.id, k.master_key_id, k.wrapped, r.payload_enc
            from records r
            left join patients p on p.id = r.patient_id
            join providers v on v.id = r.provider_id
            join data_keys k on k.id = coalesce(p.data_key_id, v.data_key_id)
            where r.id = @recordId
            """, new { recordId }, cancellationToken: cancellationToken));
        using var key = ring.Unwrap(row.KeyId, row.MasterKeyId, row.Wrapped);
        return key.Decrypt("records.payload_enc", recordId, row.Payload);
    }

    private sealed record PatientRow(
        Guid Id, string SourceId, Guid KeyId, string MasterKeyId, byte[] Wrapped, byte[] NamesEnc, byte[] AddressesEnc, byte[] TelecomEnc,
        byte[] IdentifiersEnc, byte[]? BirthDateEnc, Guid RecordId, byte[] PayloadEnc);
}
