using System.Globalization;

namespace EmrMarket.Ledger.Rpc;

/// <summary>A block parameter (execution-apis "BlockNumberOrTag"): a number or latest/pending/earliest/safe/finalized.</summary>
public readonly record struct BlockTag
{
    private readonly string _value;

    private BlockTag(string value) => _value = value;

    /// <summary>The latest block.</summary>
    public static BlockTag Latest { get; } = new("latest");

    /// <summary>The pending state (includes the node's pool).</summary>
    public static BlockTag Pending { get; } = new("pending");

    /// <summary>The genesis block.</summary>
    public static BlockTag Earliest { get; } = new("earliest");

    /// <summary>The latest finalized block.</summary>
    public static BlockTag Finalized { get; } = new("finalized");

    /// <summary>A block by number.</summary>
    public static BlockTag Number(ulong number) => new("0x" + number.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>A block by number.</summary>
    public static implicit operator BlockTag(ulong number) => Number(number);

    /// <summary>The JSON-RPC form.</summary>
    public override string ToString() => _value ?? "latest";
}
