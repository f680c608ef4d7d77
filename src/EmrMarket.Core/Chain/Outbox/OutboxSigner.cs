namespace EmrMarket.Core.Chain.Outbox;

/// <summary>The key that signs an outbox row: one of the platform's keys, or an account's or provider's custodial key.</summary>
public readonly record struct OutboxSigner(SignerRole Role, Guid? Id = null)
{
    public static OutboxSigner Admin => new(SignerRole.Admin);

    public static OutboxSigner Relayer => new(SignerRole.Relayer);

    public static OutboxSigner Curator => new(SignerRole.Curator);

    /// <summary>The custodial wallet of an account (an external wallet signs in the browser instead).</summary>
    public static OutboxSigner Account(Guid accountId) => new(SignerRole.Account, accountId);

    public static OutboxSigner Provider(Guid providerId) => new(SignerRole.Provider, providerId);

    /// <summary>Whether the key is one of the platform's own, which hold gas; the others are topped up by the relayer.</summary>
    public bool IsPlatformKey => Role is SignerRole.Admin or SignerRole.Relayer or SignerRole.Curator;

    public override string ToString() => Id is { } id ? $"{Role.ToString().ToLowerInvariant()}:{id}" : Role.ToString().ToLowerInvariant();
}
