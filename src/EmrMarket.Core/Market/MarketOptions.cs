using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Core.Market;

/// <summary>How purchases and the test-dollar faucet behave. Bound from the "Market" section.</summary>
public sealed class MarketOptions
{
    public const string Section = "Market";

    /// <summary>How long a purchase's EIP-2612 permit stays valid: a purchase held up longer (a node down for a day) fails and is bought again.</summary>
    public TimeSpan PermitLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most whole test dollars one faucet request mints.</summary>
    [Range(1, 1_000_000_000)]
    public long FaucetMaxDollars { get; set; } = 1_000_000;

    /// <summary>How often <see cref="MarketWorker"/> links datasets to offers and resends interrupted purchases when nothing woke it.</summary>
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(2);
}
