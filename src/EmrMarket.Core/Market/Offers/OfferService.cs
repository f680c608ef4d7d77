using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market.Internal;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Market.Offers;

/// <summary>
/// A curator lists built datasets as offers and reprices, pauses, unpauses and delists them. Every change is a
/// DataMarketplace call queued in the outbox, signed by the platform's curator key under a stable idempotency key;
/// the dataset learns its offer id and status once the indexer has read the chain (<see cref="SyncAsync"/>, which
/// <see cref="MarketWorker"/> runs). One change per dataset is on its way at a time.
/// </summary>
public sealed class OfferService(
    IAccountRepository accounts,
    IDatasetStore datasets,
    IOfferActionStore actions,
    IMarketReadModel market,
    IOutbox outbox,
    ISignerKeys signers,
    EthRpc rpc,
    IChainDeployment deployment,
    TimeProvider clock)
{
    private static readonly ContractAbi Marketplace = ChainContracts.Abi(ContractArtifacts.DataMarketplace);
    private static readonly BigInteger MaxUint96 = (BigInteger.One << 96) - 1;
    private const ulong MaxUint40 = (1UL << 40) - 1;

    private readonly MarketChain _chain = new(rpc, deployment);

    /// <summary>Queues listOffer for a built dataset with its commitments; a replacement dataset names the offer it replaces.</summary>
    /// <exception cref="MarketException">Wrong role, unknown or already listed dataset, a nonsensical price, cap, end time or token.</exception>
    /// <exception cref="ChainUnavailableException">The node could not be asked about the token.</exception>
    public async Task<OfferAction> ListAsync(Guid curatorAccountId, ListingRequest request, CancellationToken cancellationToken)
    {
        await RoleCheck.RequireAsync(accounts, curatorAccountId, Roles.Curator, "list offers", cancellationToken);
        var dataset = await datasets.FindAsync(request.DatasetId, cancellationToken) ?? throw new MarketException($"there is no dataset {request.DatasetId}");
        var history = await actions.ForDatasetsAsync([dataset.Id], cancellationToken);
        if (Pending(history, dataset, OfferActionKind.List, request.Price) is { } same) return same;
        if (dataset.OfferId is not null || dataset.Status is not ("built" or "listing"))
            throw new MarketException($"dataset '{dataset.Title}' is {dataset.Status}{(dataset.OfferId is { } id ? $" as offer {id}" : "")}: it cannot be listed again");
        CheckPrice(request.Price);
        var endTime = EndTime(request.EndTime);
        if (dataset.TotalWeight.Sign <= 0 || dataset.TotalWeight > MaxUint96) throw new MarketException($"the payout tree's total weight {dataset.TotalWeight} does not fit an offer");
        if (dataset.Purposes == 0 || !Purposes.AreDefined((Purpose)dataset.Purposes)) throw new MarketException($"the dataset's purposes 0x{dataset.Purposes:x} are not a defined set");

        var contracts = await _chain.ContractsAsync(cancellationToken);
        var token = request.Token ?? contracts.TestDollar
            ?? throw new MarketException("choose the payment token: this chain has no TestDollar");
        await _chain.TokenAsync(token, cancellationToken);
        var replaces = dataset.ReplacesDatasetId is { } replaced ? (await datasets.FindAsync(replaced, cancellationToken))?.OfferId ?? 0 : 0;
        var terms = new OfferTerms(dataset.ManifestHash, dataset.RowsRoot, dataset.PayoutRoot, dataset.TotalWeight, dataset.Purposes, token,
            request.Price, request.LicenceCap, endTime);
        var attempt = history.Count(a => a.Kind == OfferActionKind.List && a.Write.Status == OutboxStatus.Failed);
        var key = $"{MarketOutboxKinds.ListOffer}:{contracts.DataMarketplace.ToLowerHex()}:{dataset.Id}:{attempt}";
        var outboxId = await EnqueueAsync(key, MarketOutboxKinds.ListOffer, contracts, Marketplace.Encode("listOffer", terms.ToAbi(), (BigInteger)replaces),
            cancellationToken);
        return await actions.RecordAsync(new NewOfferAction(dataset.Id, null, OfferActionKind.List, request.Price, outboxId, curatorAccountId), cancellationToken);
    }

    /// <summary>Queues setPrice.</summary>
    public Task<OfferAction> RepriceAsync(Guid curatorAccountId, ulong offerId, BigInteger newPrice, CancellationToken cancellationToken) =>
        ChangeAsync(curatorAccountId, offerId, OfferActionKind.Reprice, newPrice, offer =>
        {
            CheckPrice(newPrice);
            return offer.Status == OfferStatus.Delisted ? "it is delisted"
                : offer.Price == newPrice ? $"it already costs {newPrice}" : null;
        }, cancellationToken);

    /// <summary>Queues pauseOffer: no sales until it is unpaused (claims go on).</summary>
    public Task<OfferAction> PauseAsync(Guid curatorAccountId, ulong offerId, CancellationToken cancellationToken) =>
        ChangeAsync(curatorAccountId, offerId, OfferActionKind.Pause, null,
            offer => offer.Status == OfferStatus.Active ? null : $"it is {offer.Status.ToString().ToLowerInvariant()}, not active", cancellationToken);

    public Task<OfferAction> UnpauseAsync(Guid curatorAccountId, ulong offerId, CancellationToken cancellationToken) =>
        ChangeAsync(curatorAccountId, offerId, OfferActionKind.Unpause, null,
            offer => offer.Status == OfferStatus.Paused ? null : $"it is {offer.Status.ToString().ToLowerInvariant()}, not paused", cancellationToken);

    /// <summary>Queues delistOffer: final; licences already sold stay valid and the pool stays claimable.</summary>
    public Task<OfferAction> DelistAsync(Guid curatorAccountId, ulong offerId, CancellationToken cancellationToken) =>
        ChangeAsync(curatorAccountId, offerId, OfferActionKind.Delist, null,
            offer => offer.Status == OfferStatus.Delisted ? "it is delisted already" : null, cancellationToken);

    /// <summary>Every dataset for the curator page, newest first, with its offer and actions.</summary>
    public async Task<IReadOnlyList<CuratorDatasetView>> DatasetsAsync(CancellationToken cancellationToken)
    {
        var all = await datasets.ListAsync(cancellationToken);
        var offers = (await market.OffersAsync(null, cancellationToken)).ToDictionary(o => (ulong)o.OfferId);
        var byDataset = (await actions.ForDatasetsAsync(all.Select(d => d.Id).ToList(), cancellationToken)).ToLookup(a => a.DatasetId);
        return all.Select(d => new CuratorDatasetView(d, d.OfferId is { } id ? offers.GetValueOrDefault(id) : null, byDataset[d.Id].ToList())).ToList();
    }

    public async Task<CuratorDatasetView?> DatasetAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindAsync(datasetId, cancellationToken);
        if (dataset is null) return null;
        var offer = dataset.OfferId is { } id ? await market.OfferAsync(id, cancellationToken) : null;
        return new CuratorDatasetView(dataset, offer, await actions.ForDatasetsAsync([datasetId], cancellationToken));
    }

    /// <summary>Links datasets to their indexed offers and their statuses to the offers' (see <see cref="IOfferActionStore.SyncDatasetsAsync"/>).</summary>
    public Task<IReadOnlyList<Guid>> SyncAsync(CancellationToken cancellationToken) => actions.SyncDatasetsAsync(cancellationToken);

    private async Task<OfferAction> ChangeAsync(Guid curatorAccountId, ulong offerId, OfferActionKind kind, BigInteger? price,
        Func<ChainOffer, string?> check, CancellationToken cancellationToken)
    {
        var verb = kind.ToString().ToLowerInvariant();
        await RoleCheck.RequireAsync(accounts, curatorAccountId, Roles.Curator, $"{verb} offers", cancellationToken);
        var dataset = await datasets.FindByOfferAsync(offerId, cancellationToken)
            ?? throw new MarketException($"offer {offerId} is not one of this platform's datasets (or its listing is not indexed yet)");
        var offer = await OwnOfferAsync(offerId, cancellationToken);
        var history = await actions.ForDatasetsAsync([dataset.Id], cancellationToken);
        if (Pending(history, dataset, kind, price) is { } same) return same;
        if (check(offer) is { } refusal) throw new MarketException($"offer {offerId} cannot be {Past(kind)}: {refusal}");

        var contracts = await _chain.ContractsAsync(cancellationToken);
        var data = kind switch
        {
            OfferActionKind.Reprice => Marketplace.Encode("setPrice", (BigInteger)offerId, price!.Value),
            OfferActionKind.Pause => Marketplace.Encode("pauseOffer", (BigInteger)offerId),
            OfferActionKind.Unpause => Marketplace.Encode("unpauseOffer", (BigInteger)offerId),
            _ => Marketplace.Encode("delistOffer", (BigInteger)offerId),
        };
        var key = $"{MarketOutboxKinds.OfferChange}:{contracts.DataMarketplace.ToLowerHex()}:{offerId}:{verb}:{history.Count}";
        var outboxId = await EnqueueAsync(key, MarketOutboxKinds.OfferChange, contracts, data, cancellationToken);
        return await actions.RecordAsync(new NewOfferAction(dataset.Id, offerId, kind, price, outboxId, curatorAccountId), cancellationToken);
    }

    /// <summary>
    /// The platform pauses an offer whose dataset holds a patient who revoked (revocation after listing): no curator, no
    /// wait for a curator's pending change (the pause must not queue behind it), one write per revocation attempt.
    /// </summary>
    internal async Task<OfferAction> PauseForRevocationAsync(ulong offerId, Guid datasetId, int attempt, CancellationToken cancellationToken)
    {
        await OwnOfferAsync(offerId, cancellationToken);
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var outboxId = await EnqueueAsync($"revocation:pause:{offerId}:{attempt}", MarketOutboxKinds.RevocationPause, contracts,
            Marketplace.Encode("pauseOffer", (BigInteger)offerId), cancellationToken);
        return await actions.RecordAsync(new NewOfferAction(datasetId, offerId, OfferActionKind.Pause, null, outboxId, null), cancellationToken);
    }

    /// <summary>
    /// The platform lists a dataset rebuilt without revoked patients in place of <paramref name="replaced"/>, on the same
    /// terms (purpose, token, price, licence cap, end time); the contract delists the old offer in the same transaction.
    /// </summary>
    internal async Task<OfferAction> ListReplacementAsync(DatasetRecord rebuilt, ChainOffer replaced, CancellationToken cancellationToken)
    {
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var terms = replaced.Terms with
        {
            ManifestHash = rebuilt.ManifestHash, RowsRoot = rebuilt.RowsRoot, PayoutRoot = rebuilt.PayoutRoot, TotalWeight = rebuilt.TotalWeight,
            Price = replaced.Price,
        };
        var outboxId = await EnqueueAsync($"revocation:list:{replaced.OfferId}:{rebuilt.Id}", MarketOutboxKinds.RevocationList, contracts,
            Marketplace.Encode("listOffer", terms.ToAbi(), replaced.OfferId), cancellationToken);
        return await actions.RecordAsync(new NewOfferAction(rebuilt.Id, null, OfferActionKind.List, terms.Price, outboxId, null), cancellationToken);
    }

    /// <summary>The indexed offer, if this platform's curator key listed it (no other key can change it).</summary>
    private async Task<ChainOffer> OwnOfferAsync(ulong offerId, CancellationToken cancellationToken)
    {
        var offer = await market.OfferAsync(offerId, cancellationToken) ?? throw new MarketException($"offer {offerId} is not indexed yet; try again shortly");
        var curator = await CuratorAddressAsync(cancellationToken);
        if (offer.Curator != curator)
            throw new MarketException($"offer {offerId} was listed by {offer.Curator}, another curator; this platform's curator key {curator} does not change it");
        return offer;
    }

    /// <summary>The same request still on its way (a double click) comes back as it is; any other pending change refuses a new one.</summary>
    private static OfferAction? Pending(IReadOnlyList<OfferAction> history, DatasetRecord dataset, OfferActionKind kind, BigInteger? price)
    {
        var pending = history.FirstOrDefault(a => a.IsPending);
        if (pending is null) return null;
        if (pending.Kind == kind && pending.Price == price) return pending;
        throw new MarketException(
            $"dataset '{dataset.Title}' has a {pending.Kind.ToString().ToLowerInvariant()} on its way (outbox {pending.Write.OutboxId}); wait for it to settle");
    }

    private async Task<long> EnqueueAsync(string key, string kind, ChainContracts contracts, byte[] data, CancellationToken cancellationToken)
    {
        try
        {
            return await outbox.EnqueueAsync(new OutboxRequest(key, kind, OutboxSigner.Curator, contracts.DataMarketplace, data), cancellationToken);
        }
        catch (OutboxException e)
        {
            throw new MarketException($"the change cannot be queued: {e.Message}");
        }
    }

    private async Task<Ledger.Primitives.EthAddress> CuratorAddressAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await signers.AddressAsync(OutboxSigner.Curator, cancellationToken);
        }
        catch (OutboxException e)
        {
            throw new MarketException(e.Message);
        }
    }

    private static void CheckPrice(BigInteger price)
    {
        if (price.Sign <= 0) throw new MarketException("the price must be more than zero");
        if (price > MaxUint96) throw new MarketException($"the price {price} is too large (at most 2^96 - 1 units)");
    }

    private ulong EndTime(DateTimeOffset? endTime)
    {
        if (endTime is not { } end) return 0;
        if (end <= clock.GetUtcNow().AddMinutes(1)) throw new MarketException($"the end time {end:u} has passed or is too close");
        var unix = (ulong)end.ToUnixTimeSeconds();
        return unix <= MaxUint40 ? unix : throw new MarketException($"the end time {end:u} is too far away");
    }

    private static string Past(OfferActionKind kind) => kind switch
    {
        OfferActionKind.Reprice => "repriced",
        OfferActionKind.Pause => "paused",
        OfferActionKind.Unpause => "unpaused",
        _ => "delisted",
    };
}
