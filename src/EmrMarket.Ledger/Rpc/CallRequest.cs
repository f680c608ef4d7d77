using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Rpc;

/// <summary>The call object of <c>eth_call</c> and <c>eth_estimateGas</c> (execution-apis "GenericTransaction").</summary>
/// <param name="To">The contract; null for a creation.</param>
/// <param name="Data">Call data.</param>
/// <param name="From">The caller, when it matters.</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Gas">A gas limit for the call.</param>
public sealed record CallRequest(EthAddress? To, byte[] Data, EthAddress? From = null, BigInteger? Value = null, ulong? Gas = null);
