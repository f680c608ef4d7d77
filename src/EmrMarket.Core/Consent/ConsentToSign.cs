namespace EmrMarket.Core.Consent;

/// <summary>A consent for an external wallet to sign: the message, and the same as eth_signTypedData_v4 JSON.</summary>
public sealed record ConsentToSign(ConsentMessage Message, string TypedDataJson);
