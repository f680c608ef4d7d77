namespace EmrMarket.Core.Consent;

/// <summary>The indexed consent trail in pages, for the compliance views: keyset-paged, so any page costs the same.</summary>
public interface IConsentTrail
{
    /// <exception cref="ConsentException">The patient filter is not an address or the start of one.</exception>
    Task<ConsentTrailPage> PageAsync(ConsentTrailFilter filter, CancellationToken cancellationToken);
}
