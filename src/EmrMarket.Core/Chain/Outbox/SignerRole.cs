namespace EmrMarket.Core.Chain.Outbox;

/// <summary>Whose key signs an outbox row.</summary>
public enum SignerRole
{
    /// <summary>Chain:AdminKey: roles, fee, treasury, pausing the marketplace, minting test dollars.</summary>
    Admin,

    /// <summary>Chain:RelayerKey: signed consents, claims, gas top-ups of custodial wallets.</summary>
    Relayer,

    /// <summary>Chain:CuratorKey: listing, repricing, pausing and delisting offers.</summary>
    Curator,

    /// <summary>An account's custodial wallet (e.g. a researcher's purchase); the id is the account's.</summary>
    Account,

    /// <summary>A provider's anchoring key; the id is the provider's.</summary>
    Provider,
}
