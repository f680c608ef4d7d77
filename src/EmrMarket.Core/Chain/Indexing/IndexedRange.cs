using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Indexing.Events;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>
/// The decoded events of blocks <see cref="FromBlock"/> … <see cref="To"/>, in chain order, applied to the read
/// models in one transaction that also moves the cursor to <see cref="To"/> and sends <see cref="Changes"/>.
/// </summary>
public sealed record IndexedRange(ulong FromBlock, IndexedBlock To, IReadOnlyList<IndexedBlock> Blocks)
{
    public List<ConsentChanged> Consents { get; } = [];
    public List<ConsentSkipped> Skips { get; } = [];
    public List<BatchAnchored> Anchors { get; } = [];
    public List<OfferListed> Listings { get; } = [];
    public List<OfferPriceChanged> PriceChanges { get; } = [];
    public List<OfferStatusChanged> StatusChanges { get; } = [];
    public List<Purchased> Purchases { get; } = [];
    public List<Claimed> Claims { get; } = [];
    public List<LicenceTransfer> Transfers { get; } = [];

    public int EventCount => Consents.Count + Skips.Count + Anchors.Count + Listings.Count + PriceChanges.Count + StatusChanges.Count
        + Purchases.Count + Claims.Count + Transfers.Count;

    /// <summary>What listeners should refresh.</summary>
    public ChainChangeSet Changes()
    {
        static string Id(System.Numerics.BigInteger id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changes = new List<ChainChange>();
        changes.AddRange(Consents.Select(e => new ChainChange(ChangeKind.Consent, e.Patient.ToLowerHex())));
        changes.AddRange(Skips.Select(e => new ChainChange(ChangeKind.Consent, e.Patient.ToLowerHex())));
        changes.AddRange(Anchors.Select(e => new ChainChange(ChangeKind.Anchor, e.Root.ToString())));
        changes.AddRange(Listings.Select(e => new ChainChange(ChangeKind.Offer, Id(e.OfferId))));
        changes.AddRange(PriceChanges.Select(e => new ChainChange(ChangeKind.Offer, Id(e.OfferId))));
        changes.AddRange(StatusChanges.Select(e => new ChainChange(ChangeKind.Offer, Id(e.OfferId))));
        changes.AddRange(Purchases.SelectMany(e => new[] { new ChainChange(ChangeKind.Offer, Id(e.OfferId)), new ChainChange(ChangeKind.Purchase, e.Buyer.ToLowerHex()) }));
        changes.AddRange(Claims.SelectMany(e => new[] { new ChainChange(ChangeKind.Offer, Id(e.OfferId)), new ChainChange(ChangeKind.Claim, e.Patient.ToLowerHex()) }));
        changes.AddRange(Transfers.SelectMany(e => new[] { new ChainChange(ChangeKind.Licence, e.To.ToLowerHex()), new ChainChange(ChangeKind.Licence, e.From.ToLowerHex()) }));
        return new ChainChangeSet(changes.Distinct().ToList(), To.Number);
    }
}
