using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Wallets;

/// <summary>The address an account acts under on chain.</summary>
public sealed record Wallet(Guid AccountId, EthAddress Address, WalletKind Kind, DateTimeOffset LinkedAt);
