namespace EmrMarket.Core.Wallets;

public enum WalletKind
{
    /// <summary>A key the platform generated and holds sealed under the master key.</summary>
    Custodial,

    /// <summary>The person's own wallet, linked by signing a Sign-In with Ethereum message.</summary>
    External,
}
