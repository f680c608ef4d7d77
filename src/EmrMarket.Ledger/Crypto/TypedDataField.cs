namespace EmrMarket.Ledger.Crypto;

/// <summary>One member of an EIP-712 struct type: its name and type (e.g. <c>uint256</c>, <c>Person[]</c>).</summary>
/// <param name="Name">Member name.</param>
/// <param name="Type">Member type: an atomic ABI type, <c>string</c>, <c>bytes</c>, a struct name, or an array of those.</param>
public sealed record TypedDataField(string Name, string Type);
