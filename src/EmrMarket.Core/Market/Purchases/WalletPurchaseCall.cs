using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>
/// The transaction an external wallet sends to buy (eth_sendTransaction with <see cref="To"/> and <see cref="Data"/>,
/// from the wallet that signed); the purchase shows as licensed once the indexer reads its Purchased event.
/// </summary>
public sealed record WalletPurchaseCall(long PurchaseId, EthAddress From, EthAddress To, byte[] Data, Hash32 AgreementHash);
