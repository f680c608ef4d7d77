using System.Numerics;
using EmrMarket.Core.Chain.ReadModels;

namespace EmrMarket.Core.Catalog;

/// <summary>A built dataset as the curator and compliance lists show it, with its offer's state on chain if it is listed.</summary>
public sealed record DatasetSummary(
    Guid Id,
    string Title,
    string Status,
    ulong Purposes,
    int PatientCount,
    long RowCount,
    ulong ConsentBlock,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    ulong? OfferId,
    OfferStatus? OfferStatus,
    BigInteger? Price,
    ulong LicencesSold);
