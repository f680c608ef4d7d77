namespace EmrMarket.Core.Consent;

/// <summary>A consent change that cannot be accepted; the message is safe to show the patient.</summary>
public sealed class ConsentException(string message) : Exception(message);
