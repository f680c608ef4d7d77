using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest;

/// <summary>Why a file was rejected: the file, the entry (null for the whole file) and the problem.</summary>
public sealed record IngestError(string Source, int? EntryIndex, FhirErrorCode Code, string Detail)
{
    public string CodeName => FhirException.CodeName(Code);

    public static IngestError From(FhirException e) => new(e.SourceName, e.EntryIndex, e.Code, e.Detail);

    public override string ToString() =>
        EntryIndex is null ? $"{Source}: {CodeName}: {Detail}" : $"{Source}: entry {EntryIndex}: {CodeName}: {Detail}";
}
