using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Core.Ingest.Internal;

/// <summary>What the reading side hands the writing side, in file order.</summary>
internal abstract record UnitEvent;

/// <summary>Small files read whole (or rejected by the reader), to be written together.</summary>
internal sealed record UnitGroup(IReadOnlyList<GroupItem> Items) : UnitEvent;

/// <summary>A file of a group: read whole (<see cref="Unit"/>), or rejected while reading (<see cref="Error"/>).</summary>
internal sealed record GroupItem(string Source, IngestUnit? Unit, FhirException? Error);

/// <summary>A file too large to hold begins; its chunks follow, then its end or its failure.</summary>
internal sealed record UnitStart(string Source) : UnitEvent;

internal sealed record UnitChunk(List<FhirEntry> Entries) : UnitEvent;

internal sealed record UnitEnd(IReadOnlyDictionary<ResourceKey, int> StoreReferences) : UnitEvent;

internal sealed record UnitFailed(FhirException Error) : UnitEvent;
