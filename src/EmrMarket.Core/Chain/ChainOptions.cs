using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Core.Chain;

/// <summary>Where the ledger is and how to reach it. Bound from the "Chain" section.</summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>JSON-RPC endpoint of any EVM node (anvil locally, Besu or Quorum in production).</summary>
    [Required(ErrorMessage = "Chain:RpcUrl is required (the node's JSON-RPC URL)")]
    public string RpcUrl { get; set; } = "";

    /// <summary>The chain id the node must report; a mismatch makes the app unhealthy.</summary>
    [Range(1, ulong.MaxValue, ErrorMessage = "Chain:ChainId is required")]
    public ulong ChainId { get; set; }

    /// <summary>JSON file with the deployed contract addresses, written by <c>emr deploy</c>.</summary>
    public string? DeploymentFile { get; set; }

    [Range(1, 300)]
    public int RpcTimeoutSeconds { get; set; } = 10;

    /// <summary>Blocks the indexer and the senders wait on top of a block before trusting it.</summary>
    [Range(0, 64)]
    public int Confirmations { get; set; }

    /// <summary>Hex private key that deployed the contracts and holds their admin role. A secret: from the environment.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Hex private key that relays signed consents and patients' claims, paying their gas. A secret.</summary>
    public string? RelayerKey { get; set; }

    /// <summary>Run the background chain workers (outbox senders, indexer, consent relayer, anchors) in this instance.</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>Hex private key with CURATOR_ROLE: lists, reprices, pauses and delists offers. A secret.</summary>
    public string? CuratorKey { get; set; }
}
