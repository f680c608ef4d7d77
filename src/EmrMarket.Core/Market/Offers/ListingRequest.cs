using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Offers;

/// <summary>A curator's request to list a built dataset as an offer.</summary>
/// <param name="Price">In the token's smallest unit (TestDollar: micro-dollars).</param>
/// <param name="LicenceCap">Most licences that may be sold; 0 for no cap.</param>
/// <param name="EndTime">When sales end; null for never.</param>
/// <param name="Token">The ERC-20 it is paid in; null for TestDollar (local chains only).</param>
public sealed record ListingRequest(Guid DatasetId, BigInteger Price, uint LicenceCap = 0, DateTimeOffset? EndTime = null, EthAddress? Token = null);
