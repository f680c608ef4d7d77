using System.Threading.Channels;
using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest.Internal;

/// <summary>
/// The writing side: each group of whole files goes to <see cref="IIngestSession.WriteFilesAsync"/>; a streamed
/// file gets a transaction of its own, rolled back at its first problem. Results come out in file order.
/// </summary>
internal sealed class IngestWriter(IIngestSession session)
{
    private readonly List<IngestFileResult> _results = [];
    private StreamedUnit? _unit;

    public IReadOnlyList<IngestFileResult> Results => _results;

    public async Task WriteAllAsync(ChannelReader<UnitEvent> input, CancellationToken cancellationToken)
    {
        await foreach (var item in input.ReadAllAsync(cancellationToken))
        {
            if (item is UnitGroup group)
            {
                await WriteGroupAsync(group, cancellationToken);
                continue;
            }
            try
            {
                await WriteStreamedAsync(item, cancellationToken);
            }
            catch (FhirException e) when (_unit is not null)
            {
                // The store found the problem (a patient or reference not stored): drop the rest of this file.
                await RejectAsync(_unit, IngestError.From(e), cancellationToken);
            }
        }
    }

    private async Task WriteGroupAsync(UnitGroup group, CancellationToken cancellationToken)
    {
        var units = group.Items.Where(i => i.Unit is not null).Select(i => i.Unit!).ToList();
        var written = units.Count == 0 ? [] : await session.WriteFilesAsync(units, cancellationToken);
        var next = 0;
        foreach (var item in group.Items)
        {
            _results.Add(item.Error is { } error
                ? Rejected(item.Source, IngestError.From(error))
                : written[next++]);
        }
    }

    private async Task WriteStreamedAsync(UnitEvent item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case UnitStart start:
                _unit = new StreamedUnit(start.Source);
                await session.BeginUnitAsync(cancellationToken);
                break;
            case UnitChunk chunk when _unit is { RolledBack: false }:
                Add(_unit.Counts, await session.WriteAsync(_unit.Source, chunk.Entries, cancellationToken));
                break;
            case UnitEnd end when _unit is { RolledBack: false }:
                await session.VerifyStoredAsync(_unit.Source, end.StoreReferences, cancellationToken);
                await session.CommitUnitAsync(cancellationToken);
                var written = _unit.Counts.Values.Any(c => c.Written > 0);
                _results.Add(new IngestFileResult(_unit.Source, written ? IngestOutcome.Accepted : IngestOutcome.Unchanged, _unit.Counts, null));
                break;
            case UnitFailed failed when _unit is not null:
                await RejectAsync(_unit, IngestError.From(failed.Error), cancellationToken);
                break;
        }
    }

    private async Task RejectAsync(StreamedUnit unit, IngestError error, CancellationToken cancellationToken)
    {
        if (unit.RolledBack) return;
        unit.RolledBack = true;
        await session.RollbackUnitAsync(cancellationToken);
        _results.Add(Rejected(unit.Source, error));
    }

    private static IngestFileResult Rejected(string source, IngestError error) =>
        new(source, IngestOutcome.Rejected, new Dictionary<string, RecordCounts>(), error);

    private static void Add(Dictionary<string, RecordCounts> into, IReadOnlyDictionary<string, RecordCounts> counts)
    {
        foreach (var (type, count) in counts) into[type] = into.GetValueOrDefault(type, RecordCounts.Zero) + count;
    }

    private sealed class StreamedUnit(string source)
    {
        public string Source { get; } = source;
        public Dictionary<string, RecordCounts> Counts { get; } = new(StringComparer.Ordinal);
        public bool RolledBack { get; set; }
    }
}
