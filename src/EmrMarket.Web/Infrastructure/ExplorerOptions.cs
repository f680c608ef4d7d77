namespace EmrMarket.Web.Infrastructure;

/// <summary>Where transaction links point. Bound from the "Explorer" section.</summary>
public sealed class ExplorerOptions
{
    public const string Section = "Explorer";

    /// <summary>
    /// A transaction's page, "{0}" standing for its hash: a block explorer of the network (for example
    /// "https://explorer.example/tx/{0}"), or by default the app's own page that reads the receipt from the node.
    /// </summary>
    public string TransactionUrl { get; set; } = "/chain/tx/{0}";
}
