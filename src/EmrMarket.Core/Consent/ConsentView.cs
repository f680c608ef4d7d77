using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>What the patient's consent page shows.</summary>
/// <param name="Current">The consent on chain (as indexed), or null if never set.</param>
/// <param name="Pending">The newest request still on its way ("pending" until the chain confirms it), or null.</param>
/// <param name="Requests">Recent requests, newest first, with their status and, once settled, block and transaction.</param>
/// <param name="History">Every on-chain change, newest first, with block, time and transaction.</param>
public sealed record ConsentView(
    EthAddress Patient,
    WalletKind WalletKind,
    ConsentState? Current,
    ConsentRequest? Pending,
    IReadOnlyList<ConsentRequest> Requests,
    IReadOnlyList<ConsentState> History)
{
    /// <summary>The purposes as the patient last asked for them (pending) or as the chain has them.</summary>
    public Purpose EffectivePurposes => Pending?.Message.Purposes ?? Current?.Purposes ?? Purpose.None;
}
