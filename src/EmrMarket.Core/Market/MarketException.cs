namespace EmrMarket.Core.Market;

/// <summary>
/// A marketplace request that cannot be honoured (wrong role, unknown offer, a price of zero, nothing to claim…);
/// the message says why in words the person can act on, and nothing was stored or sent.
/// </summary>
public sealed class MarketException(string message) : Exception(message);
