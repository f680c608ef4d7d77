namespace EmrMarket.Ledger.Abi;

/// <summary>A named input or output of a function, event or error, or a tuple component.</summary>
/// <param name="Name">The parameter's name; may be empty.</param>
/// <param name="Type">Its ABI type.</param>
/// <param name="Indexed">For event inputs: whether it is a topic.</param>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false);
