namespace EmrMarket.Core.Ingest;

/// <summary>An upload for a provider code that is not registered.</summary>
public sealed class UnknownProviderException(string code) : Exception($"no provider with code '{code}' is registered")
{
    public string Code { get; } = code;
}
