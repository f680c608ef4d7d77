namespace EmrMarket.Web.Wallets;

/// <summary>What the browser wallet answered: a value, or its reason for not giving one.</summary>
public sealed record WalletReply(string? Value, string? Error)
{
    public bool Succeeded => Error is null && Value is not null;
}
