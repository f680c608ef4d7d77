using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain;

/// <summary>What a fresh deployment is wired with (contracts/README.md, "Deployment and wiring").</summary>
/// <param name="Treasury">Receives the platform fee.</param>
/// <param name="FeeBps">Platform fee in basis points (at most 1,000).</param>
/// <param name="Curators">Addresses granted CURATOR_ROLE on the marketplace.</param>
/// <param name="Providers">Addresses granted PROVIDER_ROLE on the record anchor.</param>
/// <param name="WithTestDollar">Also deploy TestDollar (local chains only).</param>
public sealed record DeploySettings(
    EthAddress Treasury,
    ushort FeeBps,
    IReadOnlyList<EthAddress> Curators,
    IReadOnlyList<EthAddress> Providers,
    bool WithTestDollar,
    string LicenseUri = "https://emrmarket.example/licences/{id}.json");
