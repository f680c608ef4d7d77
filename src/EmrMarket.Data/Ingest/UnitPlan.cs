using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Data.Ingest;

/// <summary>What one file (or one chunk of a streamed file) writes: record versions, new patients, changed patients.</summary>
internal sealed class UnitPlan
{
    public Dictionary<string, RecordCounts> Counts { get; } = new(StringComparer.Ordinal);
    public List<PlannedRecord> Records { get; } = [];
    public List<NewPatient> NewPatients { get; } = [];
    public List<PatientUpdate> PatientUpdates { get; } = [];

    public void Count(string type, RecordCounts add) => Counts[type] = Counts.GetValueOrDefault(type, RecordCounts.Zero) + add;
}

/// <summary>A patient met for the first time: a row and a fresh data key, wrapped under the master key.</summary>
internal sealed record NewPatient(Guid Id, string SourceId, DataKey Key, byte[] Wrapped, PatientFacts Facts);

/// <summary>A stored patient whose Patient resource changed.</summary>
internal sealed record PatientUpdate(Guid Id, DataKey Key, PatientFacts Facts);
