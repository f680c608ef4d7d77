using System.Numerics;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Sending;

/// <summary>What to send; the sender fills in nonce, fees and (when absent) the gas limit.</summary>
/// <param name="To">The recipient; null deploys <paramref name="Data"/> as creation code.</param>
/// <param name="Data">Call data or creation code.</param>
/// <param name="Value">Wei to transfer.</param>
/// <param name="GasLimit">A fixed gas limit; null estimates it (the estimate fails early on a revert).</param>
/// <param name="Errors">Custom errors to decode a revert with (a contract's <see cref="ContractAbi.Errors"/>).</param>
public sealed record TransactionRequest(EthAddress? To, byte[] Data, BigInteger? Value = null, ulong? GasLimit = null,
    IReadOnlyList<AbiError>? Errors = null);
