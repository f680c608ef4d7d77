namespace EmrMarket.Fhir.Internal;

/// <summary>An element of the wrong JSON type or with an unparseable value; the reader adds file and entry.</summary>
internal sealed class ElementException(string message) : Exception(message);
