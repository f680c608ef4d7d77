namespace EmrMarket.Core.Delivery;

/// <summary>A download that cannot be served; the message is safe to show.</summary>
public sealed class DeliveryException(string message) : Exception(message);
