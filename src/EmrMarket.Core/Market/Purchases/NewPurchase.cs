using System.Numerics;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>A purchase to store beside its agreement: the accepted price, the permit's nonce and deadline, and the calldata to send.</summary>
public sealed record NewPurchase(BigInteger MaxPrice, BigInteger PermitNonce, BigInteger PermitDeadline, byte[] CallData);
