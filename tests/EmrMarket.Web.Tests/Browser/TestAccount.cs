namespace EmrMarket.Web.Tests.Browser;

/// <summary>An account a test made; its password is <see cref="ChainWorld.Password"/>.</summary>
public sealed record TestAccount(Guid Id, string Email, string Name);
