using Dapper;
using EmrMarket.Core.Datasets;
using Npgsql;

namespace EmrMarket.Data.Datasets;

public sealed class ClinicalExtracts(NpgsqlDataSource dataSource) : IClinicalExtracts
{
    public async Task<ClinicalExtract> LoadAsync(IReadOnlyCollection<Guid> patientIds, IReadOnlyCollection<string> observationCodes,
        CancellationToken cancellationToken)
    {
        var ids = patientIds.ToArray();
        var codes = observationCodes.ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var patients = await connection.QueryAsync<PatientRow>(new CommandDefinition("""
            select id as PatientId, birth_year as BirthYear, gender as Sex, zip3, state, race_display as Race,
                   ethnicity_display as Ethnicity, marital_status as MaritalStatus
            from patients where id = any(@ids) order by id
            """, new { ids }, cancellationToken: cancellationToken));
        var conditions = await connection.QueryAsync<EventRow>(new CommandDefinition("""
            select patient_id as PatientId, code_system as System, code, display, onset as At
            from conditions where patient_id = any(@ids) order by patient_id, onset, code
            """, new { ids }, cancellationToken: cancellationToken));
        var observations = await connection.QueryAsync<MeasuredRow>(new CommandDefinition("""
            select patient_id as PatientId, code, display, value_number as Value, value_unit as Unit, value_code as ValueCode, effective as At
            from observations where patient_id = any(@ids) and code = any(@codes) order by patient_id, effective, code
            """, new { ids, codes }, cancellationToken: cancellationToken));
        var medications = await connection.QueryAsync<EventRow>(new CommandDefinition("""
            select patient_id as PatientId, code_system as System, code, display, authored_on as At
            from medication_requests where patient_id = any(@ids) order by patient_id, authored_on, code
            """, new { ids }, cancellationToken: cancellationToken));
        return new ClinicalExtract(
            patients.Select(p => new PatientFacts(p.PatientId, p.BirthYear, p.Sex, p.Zip3, p.State, p.Race, p.Ethnicity, p.MaritalStatus)).ToList(),
            conditions.Select(e => e.ToEvent()).ToList(),
            observations.Select(o => new MeasuredEvent(o.PatientId, o.Code, o.Display, o.Value, o.Unit, o.ValueCode, Utc(o.At))).ToList(),
            medications.Select(e => e.ToEvent()).ToList());
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is null ? null : new DateTimeOffset(DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));

    private sealed class PatientRow
    {
        public Guid PatientId { get; init; }
        public int? BirthYear { get; init; }
        public string? Sex { get; init; }
        public string? Zip3 { get; init; }
        public string? State { get; init; }
        public string? Race { get; init; }
        public string? Ethnicity { get; init; }
        public string? MaritalStatus { get; init; }
    }

    private sealed class EventRow
    {
        public Guid PatientId { get; init; }
        public string? System { get; init; }
        public string? Code { get; init; }
        public string? Display { get; init; }
        public DateTime? At { get; init; }

        public CodedEvent ToEvent() => new(PatientId, System, Code, Display, Utc(At));
    }

    private sealed class MeasuredRow
    {
        public Guid PatientId { get; init; }
        public string? Code { get; init; }
        public string? Display { get; init; }
        public double? Value { get; init; }
        public string? Unit { get; init; }
        public string? ValueCode { get; init; }
        public DateTime? At { get; init; }
    }
}
