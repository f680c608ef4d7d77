using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Core.Ingest;

/// <summary>A whole file as read: its resources, and what it refers to that must already be stored.</summary>
/// <param name="Source">The file's name, for messages.</param>
/// <param name="Entries">Every resource of the file, in the order the reader yielded them.</param>
/// <param name="StoreReferences">Resources referred to but not in the file, with the first entry referring to each.</param>
public sealed record IngestUnit(string Source, IReadOnlyList<FhirEntry> Entries, IReadOnlyDictionary<ResourceKey, int> StoreReferences);
