namespace EmrMarket.Core.Market;

/// <summary>
/// The chain node could not be reached (or refused the read) while a request needed it; nothing was stored or sent,
/// so the request can simply be made again.
/// </summary>
public sealed class ChainUnavailableException(string message, Exception inner) : Exception(message, inner);
