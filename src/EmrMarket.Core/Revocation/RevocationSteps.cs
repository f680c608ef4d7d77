using System.Text.Json;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market.Offers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Revocation;

/// <summary>
/// Moves one revocation case a step: pause the offer on chain, rebuild its dataset from the stored request at a
/// consent block after the revocations, list the new version replacing the old offer (the contract delists it), and
/// record each step. The chain writes and the datasets' statuses go through <see cref="OfferService"/>, as a curator's do. Every step is idempotent (outbox keys, status-checked transitions), so a restart mid-way resumes.
/// </summary>
public sealed partial class RevocationSteps(
    IRevocationStore store,
    IOutbox outbox,
    IMarketReadModel market,
    IDatasetStore datasets,
    DatasetBuilder builder,
    IChainIndexStore index,
    OfferService offers,
    IOptions<RevocationOptions> options,
    TimeProvider clock,
    ILogger<RevocationSteps> logger)
{
    /// <summary>The name rebuilt datasets are recorded as created by.</summary>
    public const string Builder = "revocation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Takes the next step the case allows now; false when it has to wait (a transaction, the indexer, the rebuild delay).</summary>
    public Task<bool> StepAsync(RevocationCase c, CancellationToken cancellationToken) => c.Status switch
    {
        RevocationCaseStatus.Open => OpenAsync(c, cancellationToken),
        RevocationCaseStatus.Pausing => PausingAsync(c, cancellationToken),
        RevocationCaseStatus.Rebuilding => RebuildAsync(c, cancellationToken),
        RevocationCaseStatus.Listing => ListingAsync(c, cancellationToken),
        _ => Task.FromResult(false),
    };

    private async Task<bool> OpenAsync(RevocationCase c, CancellationToken cancellationToken)
    {
        var offer = await OfferAsync(c, cancellationToken);
        switch (offer.Status)
        {
            case OfferStatus.Active:
                var id = (await offers.PauseForRevocationAsync(c.OfferId, c.DatasetId, c.Attempt, cancellationToken)).Write.OutboxId;
                return await MoveAsync(c, c with { Status = RevocationCaseStatus.Pausing, PauseOutboxId = id },
                    [new(RevocationStep.PauseQueued, "pauseOffer queued for the curator key", OutboxId: id)], cancellationToken);
            case OfferStatus.Paused:
                return await MoveAsync(c, c with { Status = RevocationCaseStatus.Rebuilding },
                    [new(RevocationStep.Paused, "the offer was already paused")], cancellationToken);
            default:
                return await MoveAsync(c, c with { Status = RevocationCaseStatus.Closed },
                    [new(RevocationStep.Closed, "the offer was delisted before it could be paused; nothing more is sold from it")], cancellationToken);
        }
    }

    private async Task<bool> PausingAsync(RevocationCase c, CancellationToken cancellationToken)
    {
        var row = await outbox.GetAsync(c.PauseOutboxId!.Value, cancellationToken) ?? throw new InvalidOperationException($"outbox row {c.PauseOutboxId} is gone");
        if (row.Status == OutboxStatus.Confirmed)
        {
            await offers.SyncAsync(cancellationToken);
            return await MoveAsync(c, c with { Status = RevocationCaseStatus.Rebuilding },
                [new(RevocationStep.Paused, $"paused in block {row.BlockNumber}", row.Id, row.TransactionHash)], cancellationToken);
        }
        if (row.Status != OutboxStatus.Failed) return false;

        var reason = row.RevertReason ?? row.LastError ?? "the transaction failed";
        var offer = await OfferAsync(c, cancellationToken);
        if (offer.Status == OfferStatus.Paused)
            return await MoveAsync(c, c with { Status = RevocationCaseStatus.Rebuilding },
                [new(RevocationStep.Paused, $"pauseOffer failed ({reason}) but the offer is paused", row.Id)], cancellationToken);
        if (offer.Status == OfferStatus.Delisted)
            return await MoveAsync(c, c with { Status = RevocationCaseStatus.Closed },
                [new(RevocationStep.Closed, $"pauseOffer failed ({reason}): the offer is already delisted", row.Id)], cancellationToken);
        LogFailed(c.OfferId, "pause", reason);
        return await MoveAsync(c, c with { Status = RevocationCaseStatus.Failed, Failure = $"pauseOffer failed: {reason}" },
            [new(RevocationStep.PauseFailed, reason, row.Id, row.TransactionHash)], cancellationToken);
    }

    private async Task<bool> RebuildAsync(RevocationCase c, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() < c.LastDetectedAt + options.Value.RebuildDelay) return false;
        // Only the privacy model's verdict fails a case for good; a consent trail not indexed yet is waited for.
        if (await index.GetCursorAsync(cancellationToken) is null) return false;

        var old = await DatasetAsync(c.DatasetId, cancellationToken);
        var offer = await OfferAsync(c, cancellationToken);
        var request = new DatasetRequest(old.Title, old.Description,
            old.Cohort.Deserialize<CohortDefinition>(Json) ?? new CohortDefinition(),
            old.Purposes | offer.Terms.Purpose,
            old.Policy.Deserialize<DatasetPolicy>(Json) ?? new DatasetPolicy(),
            old.ObservationCodes ?? [], Builder, ConsentBlock: null, Replaces: old.Id);
        DatasetBuild build;
        try
        {
            build = await builder.BuildAsync(request, cancellationToken);
        }
        catch (DatasetException e)
        {
            LogFailed(c.OfferId, "rebuild", e.Message);
            return await MoveAsync(c, c with { Status = RevocationCaseStatus.Failed, Failure = $"the rebuild failed: {e.Message}" },
                [new(RevocationStep.RebuildFailed, $"{e.Message}; the offer stays paused")], cancellationToken);
        }
        var rebuilt = build.Dataset;
        LogRebuilt(c.OfferId, rebuilt.Id, rebuilt.ConsentBlock);
        return await MoveAsync(c, c with { Status = RevocationCaseStatus.Listing, NewDatasetId = rebuilt.Id },
            [new(RevocationStep.Rebuilt,
                $"rebuilt at consent block {rebuilt.ConsentBlock} (the old version: block {old.ConsentBlock}): {rebuilt.PatientCount} patients, {rebuilt.RowCount} rows (was {old.PatientCount} patients)",
                NewDatasetId: rebuilt.Id)], cancellationToken);
    }

    private async Task<bool> ListingAsync(RevocationCase c, CancellationToken cancellationToken)
    {
        var rebuilt = await DatasetAsync(c.NewDatasetId!.Value, cancellationToken);
        if (c.ListOutboxId is null)
        {
            var offer = await OfferAsync(c, cancellationToken);
            var id = (await offers.ListReplacementAsync(rebuilt, offer, cancellationToken)).Write.OutboxId;
            return await MoveAsync(c, c with { ListOutboxId = id },
                [new(RevocationStep.ListQueued, $"listOffer queued: the new version replaces offer {c.OfferId} at {Purposes.Describe((Purpose)offer.Terms.Purpose)}, price {offer.Price}",
                    OutboxId: id, NewDatasetId: rebuilt.Id)], cancellationToken);
        }

        var row = await outbox.GetAsync(c.ListOutboxId.Value, cancellationToken) ?? throw new InvalidOperationException($"outbox row {c.ListOutboxId} is gone");
        if (row.Status == OutboxStatus.Failed)
        {
            var reason = row.RevertReason ?? row.LastError ?? "the transaction failed";
            LogFailed(c.OfferId, "listing", reason);
            return await MoveAsync(c, c with { Status = RevocationCaseStatus.Failed, Failure = $"listOffer failed: {reason}" },
                [new(RevocationStep.ListFailed, $"{reason}; the old offer stays paused", row.Id, row.TransactionHash, rebuilt.Id)], cancellationToken);
        }
        if (row.Status != OutboxStatus.Confirmed) return false;
        if (await store.ReplacementAsync(c.OfferId, rebuilt.ManifestHash, cancellationToken) is not { } newOffer) return false;

        await offers.SyncAsync(cancellationToken);
        LogRelisted(c.OfferId, newOffer);
        return await MoveAsync(c, c with { Status = RevocationCaseStatus.Done, NewOfferId = newOffer },
        [
            new(RevocationStep.Listed, $"offer {newOffer} listed in block {row.BlockNumber}", row.Id, row.TransactionHash, rebuilt.Id, newOffer),
            new(RevocationStep.Delisted, $"offer {c.OfferId} delisted by the same transaction; its purchases and licences stay valid", row.Id,
                row.TransactionHash, rebuilt.Id, newOffer),
        ], cancellationToken);
    }

    private async Task<bool> MoveAsync(RevocationCase from, RevocationCase to, IReadOnlyList<NewRevocationStep> steps, CancellationToken cancellationToken) =>
        await store.TransitionAsync(from.Status, to with { UpdatedAt = clock.GetUtcNow() }, steps, cancellationToken);

    private async Task<ChainOffer> OfferAsync(RevocationCase c, CancellationToken cancellationToken) =>
        await market.OfferAsync(c.OfferId, cancellationToken) ?? throw new InvalidOperationException($"offer {c.OfferId} is not indexed");

    private async Task<DatasetRecord> DatasetAsync(Guid id, CancellationToken cancellationToken) =>
        await datasets.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"dataset {id} is gone");

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation: offer {OfferId} rebuilt as dataset {DatasetId} at consent block {Block}")]
    private partial void LogRebuilt(ulong offerId, Guid datasetId, ulong block);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation: offer {OfferId} replaced by offer {NewOfferId}")]
    private partial void LogRelisted(ulong offerId, ulong newOfferId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revocation: offer {OfferId}: the {Step} failed: {Reason}; it stays paused")]
    private partial void LogFailed(ulong offerId, string step, string reason);
}
