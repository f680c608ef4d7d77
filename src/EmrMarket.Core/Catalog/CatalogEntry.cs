using System.Numerics;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Catalog;

/// <summary>An offer as the catalog lists it: the chain's terms and state joined with the dataset it sells.</summary>
/// <param name="K">The k of the dataset's k-anonymity policy.</param>
/// <param name="ProsecutorRisk">The highest prosecutor re-identification risk of the released rows (0–1), from the privacy report.</param>
public sealed record CatalogEntry(
    ulong OfferId,
    Guid DatasetId,
    string Title,
    string Description,
    ulong Purpose,
    int PatientCount,
    long RowCount,
    int? K,
    double? ProsecutorRisk,
    BigInteger Price,
    EthAddress Token,
    OfferStatus Status,
    ulong LicencesSold,
    DateTimeOffset ListedAt);
