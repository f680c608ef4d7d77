using EmrMarket.Fhir.Canonical;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Fhir.Internal;

/// <summary>
/// Resolves the references of one unit (a Bundle or an NDJSON file) as its entries arrive (FHIR R4 §2.36.4,
/// resolving references in Bundles): urn:uuid and absolute references through fullUrl, relative ones through
/// type and id, "#id" through contained resources. Detects duplicates. An entry whose patient or encounter is
/// not known yet is held back until it is (in a Bundle the target may come later), so entries may be emitted
/// out of order; anything still unknown at the end is an error, or, for a relative reference, a requirement on
/// the store (<see cref="StoreReferences"/>).
/// </summary>
internal sealed class UnitResolver(EntryParser parser, bool holdForwardReferences)
{
    private readonly Dictionary<string, ResourceKey> _byFullUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceKey, ContentHash> _seen = [];
    private readonly List<ParsedEntry> _held = [];
    private readonly List<(int Index, string Reference)> _pending = [];
    private readonly Dictionary<ResourceKey, int> _storeReferences = [];

    /// <summary>Keys (with the first entry naming each) that must already be stored, since the unit lacks them.</summary>
    public IReadOnlyDictionary<ResourceKey, int> StoreReferences => _storeReferences;

    public int Duplicates { get; private set; }

    public void Accept(ParsedEntry entry, List<FhirEntry> ready)
    {
        var key = entry.Resource.Key;
        if (_seen.TryGetValue(key, out var hash))
        {
            if (hash != entry.Resource.Hash)
                throw parser.Error(entry.Index, FhirErrorCode.DuplicateResource, $"{key} appears twice with different content");
            Duplicates++;
            return;
        }
        _seen[key] = entry.Resource.Hash;
        if (entry.FullUrl is not null && !_byFullUrl.TryAdd(entry.FullUrl, key) && _byFullUrl[entry.FullUrl] != key)
            throw parser.Error(entry.Index, FhirErrorCode.DuplicateResource, $"fullUrl {EntryParser.Printable(entry.FullUrl)} names two resources");

        foreach (var reference in entry.References) Check(entry, reference);
        if (TryEmit(entry, final: false) is { } emitted) ready.Add(emitted);
        else _held.Add(entry);

        // The new entry may be the patient or encounter that held entries were waiting for.
        for (var i = 0; i < _held.Count; i++)
        {
            if (TryEmit(_held[i], final: false) is not { } released) continue;
            ready.Add(released);
            _held.RemoveAt(i--);
        }
    }

    /// <summary>Called after the last entry: releases what waited, and fails on what is still unknown.</summary>
    public void Complete(List<FhirEntry> ready)
    {
        foreach (var entry in _held) ready.Add(TryEmit(entry, final: true)!);
        _held.Clear();
        foreach (var (index, reference) in _pending)
        {
            switch (Classify(reference, out var key))
            {
                case Kind.Local when key is { } k && !_seen.ContainsKey(k):
                    _storeReferences.TryAdd(k, index);
                    break;
                case Kind.Unseen:
                    throw parser.Error(index, FhirErrorCode.UnresolvedReference, $"reference {EntryParser.Printable(reference)} names no entry of the bundle");
            }
        }
        _pending.Clear();
    }

    private void Check(ParsedEntry entry, string reference)
    {
        switch (Classify(reference, out var key))
        {
            case Kind.Contained when !entry.ContainedIds.Contains(reference[1..]):
                throw parser.Error(entry.Index, FhirErrorCode.UnresolvedReference, $"reference {EntryParser.Printable(reference)} names no contained resource");
            case Kind.Conditional:
                throw parser.Error(entry.Index, FhirErrorCode.UnsupportedRequest, $"conditional reference {EntryParser.Printable(reference)} is not supported");
            case Kind.Invalid:
                throw parser.Error(entry.Index, FhirErrorCode.UnresolvedReference, $"reference {EntryParser.Printable(reference)} is not a FHIR literal reference");
            case Kind.Unseen:
            case Kind.Local when !_seen.ContainsKey(key!.Value):
                _pending.Add((entry.Index, reference));
                break;
        }
    }

    /// <summary>The entry with its patient and encounter resolved, or null while one of them is unknown.</summary>
    private FhirEntry? TryEmit(ParsedEntry entry, bool final)
    {
        var type = entry.Resource.Key.Type;
        ResolvedReference? patient = null;
        if (type != "Patient")
        {
            var candidates = entry.PatientReference is { } p ? [p] : FhirResourceTypes.Kept.Contains(type) ? entry.References : [];
            foreach (var reference in candidates)
            {
                var resolution = Resolve(reference, final);
                if (resolution.Waiting) return null;
                if (resolution.Reference is { Target.Type: "Patient" } found) { patient = found; break; }
                if (entry.PatientReference is not null)
                {
                    throw resolution.Reference is null
                        ? parser.Error(entry.Index, FhirErrorCode.MissingPatient, $"{entry.Resource.Key}: its patient {EntryParser.Printable(reference)} is not in the bundle")
                        : parser.Error(entry.Index, FhirErrorCode.MissingPatient, $"{entry.Resource.Key}: its subject is a {resolution.Reference.Target.Type}, not a Patient");
                }
            }
        }
        ResolvedReference? encounter = null;
        if (entry.EncounterReference is { } e)
        {
            var resolution = Resolve(e, final);
            if (resolution.Waiting) return null;
            encounter = resolution.Reference is { Target.Type: "Encounter" } found ? found : null;
        }
        return new FhirEntry(entry.Index, entry.Resource, patient, encounter);
    }

    private (bool Waiting, ResolvedReference? Reference) Resolve(string reference, bool final) => Classify(reference, out var key) switch
    {
        Kind.Local when _seen.ContainsKey(key!.Value) => (false, new ResolvedReference(key.Value, true)),
        Kind.Local when holdForwardReferences && !final => (true, null),
        Kind.Local => (false, new ResolvedReference(key!.Value, false)),
        Kind.Unseen when !final => (true, null),
        _ => (false, null),
    };

    private Kind Classify(string reference, out ResourceKey? key)
    {
        key = null;
        if (reference.StartsWith('#')) return Kind.Contained;
        if (_byFullUrl.TryGetValue(reference, out var byUrl)) { key = byUrl; return Kind.Local; }
        if (reference.StartsWith("urn:", StringComparison.Ordinal)) return Kind.Unseen;
        if (reference.Contains('?')) return Kind.Conditional;
        if (reference.Contains("://", StringComparison.Ordinal)) return Kind.External;
        var parts = reference.Split('/');
        if (parts.Length is 2 or 4 && parts[0].Length > 0 && char.IsAsciiLetterUpper(parts[0][0]) && parts[0].All(char.IsAsciiLetter)
            && parts[1].Length > 0 && (parts.Length == 2 || parts[2] == "_history"))
        {
            key = new ResourceKey(parts[0], parts[1]);
            return Kind.Local;
        }
        return Kind.Invalid;
    }

    private enum Kind { Local, Unseen, Contained, External, Conditional, Invalid }
}
