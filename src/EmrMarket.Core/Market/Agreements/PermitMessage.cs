using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Agreements;

/// <summary>EIP-2612 <c>Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)</c>.</summary>
public sealed record PermitMessage(EthAddress Owner, EthAddress Spender, BigInteger Value, BigInteger Nonce, BigInteger Deadline);
