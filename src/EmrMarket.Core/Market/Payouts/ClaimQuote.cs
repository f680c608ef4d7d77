using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>What claiming everything pays now, per token, and its gas (paid by the platform's relayer).</summary>
/// <param name="CannotClaim">Why nothing can be claimed now, or null.</param>
public sealed record ClaimQuote(EthAddress Patient, IReadOnlyList<ClaimItem> Items, IReadOnlyDictionary<EthAddress, BigInteger> AmountByToken,
    IReadOnlyDictionary<EthAddress, TokenInfo> Tokens, GasEstimate? Gas, string? CannotClaim);
