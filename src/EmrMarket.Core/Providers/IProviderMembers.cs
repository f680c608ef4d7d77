namespace EmrMarket.Core.Providers;

/// <summary>Which provider an account uploads for.</summary>
public interface IProviderMembers
{
    Task AddAsync(Guid accountId, string providerCode, CancellationToken cancellationToken);

    /// <summary>The provider codes the account may upload for (usually one).</summary>
    Task<IReadOnlyList<ProviderMembership>> ProvidersOfAsync(Guid accountId, CancellationToken cancellationToken);
}

public sealed record ProviderMembership(string Code, string Name);
