using System.Numerics;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>Turns our contracts' logs into typed events; logs of other events (roles, fees, pausing) are not read models and are skipped.</summary>
internal sealed class ChainEventDecoder(ChainContracts contracts)
{
    private readonly Dictionary<EthAddress, ContractAbi> _abis = new()
    {
        [contracts.ConsentRegistry] = ChainContracts.Abi(ContractArtifacts.ConsentRegistry),
        [contracts.RecordAnchor] = ChainContracts.Abi(ContractArtifacts.RecordAnchor),
        [contracts.DataMarketplace] = ChainContracts.Abi(ContractArtifacts.DataMarketplace),
        [contracts.DataLicense] = ChainContracts.Abi(ContractArtifacts.DataLicense),
    };

    public void Add(IndexedRange range, EventLog log, DateTimeOffset blockTime)
    {
        if (!_abis.TryGetValue(log.Address, out var abi) || abi.TryDecodeEvent(log) is not { } e) return;
        var at = new LogPosition(log.BlockNumber!.Value, (int)log.LogIndex!.Value, blockTime, log.TransactionHash!.Value);
        switch (e.Name)
        {
            case "ConsentChanged":
                range.Consents.Add(new ConsentChanged(at, Address(e, "patient"), Address(e, "submitter"),
                    U64(e, "purposes"), U64(e, "expiry"), U64(e, "version"), U64(e, "updatedAt")));
                break;
            case "ConsentSkipped":
                range.Skips.Add(new ConsentSkipped(at, Address(e, "patient"), U64(e, "index"), U64(e, "nonce"), (byte)Big(e, "reason")));
                break;
            case "BatchAnchored":
                range.Anchors.Add(new BatchAnchored(at, AbiValues.Hash(e["root"]), Address(e, "provider"), (uint)Big(e, "recordCount"), U64(e, "anchoredAt")));
                break;
            case "OfferListed":
                range.Listings.Add(new OfferListed(at, Big(e, "offerId"), Address(e, "curator"), Big(e, "replacesOfferId"),
                    OfferTerms.FromAbi((object?[])e["terms"]!)));
                break;
            case "OfferPriceChanged":
                range.PriceChanges.Add(new OfferPriceChanged(at, Big(e, "offerId"), Address(e, "curator"), Big(e, "oldPrice"), Big(e, "newPrice")));
                break;
            case "OfferStatusChanged":
                range.StatusChanges.Add(new OfferStatusChanged(at, Big(e, "offerId"), Address(e, "curator"), (byte)Big(e, "status")));
                break;
            case "Purchased":
                range.Purchases.Add(new Purchased(at, Big(e, "offerId"), Address(e, "buyer"), AbiValues.Hash(e["agreementHash"]),
                    Big(e, "price"), Big(e, "fee"), (uint)Big(e, "licenceNumber")));
                break;
            case "Claimed":
                range.Claims.Add(new Claimed(at, Big(e, "offerId"), Address(e, "patient"), Big(e, "amount"), Big(e, "totalClaimed")));
                break;
            case "TransferSingle":
                range.Transfers.Add(new LicenceTransfer(at, 0, Address(e, "operator"), Address(e, "from"), Address(e, "to"), Big(e, "id"), Big(e, "value")));
                break;
            case "TransferBatch":
                var ids = (object?[])e["ids"]!;
                var values = (object?[])e["values"]!;
                for (var i = 0; i < ids.Length; i++)
                {
                    range.Transfers.Add(new LicenceTransfer(at, i, Address(e, "operator"), Address(e, "from"), Address(e, "to"),
                        (BigInteger)ids[i]!, (BigInteger)values[i]!));
                }
                break;
        }
    }

    private static EthAddress Address(DecodedEvent e, string name) => (EthAddress)e[name]!;

    private static BigInteger Big(DecodedEvent e, string name) => (BigInteger)e[name]!;

    private static ulong U64(DecodedEvent e, string name) => (ulong)Big(e, name);
}
