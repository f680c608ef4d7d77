namespace EmrMarket.Core.Datasets;

/// <summary>The counts a curator sees while shaping a cohort: matching records, and those whose consent covers the purpose now.</summary>
public sealed class CohortPreview(ICohortQueries cohorts, IConsentSnapshot consents, TimeProvider clock)
{
    public async Task<CohortCounts> CountAsync(CohortDefinition cohort, ulong purposes, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var members = await cohorts.FindAsync(cohort, today, cancellationToken);
        var wallets = members.Where(m => m.Wallet is not null).Select(m => m.Wallet!.Value).Distinct().ToList();
        var block = await consents.CompleteUpToAsync(cancellationToken);
        var consenting = purposes == 0 ? new HashSet<Ledger.Primitives.EthAddress>()
            : await consents.ConsentingAsync(wallets, purposes, block, cancellationToken);
        var included = members.Where(m => m.Wallet is { } w && consenting.Contains(w)).ToList();
        return new CohortCounts(
            new SuppressedCount(members.Count),
            new SuppressedCount(included.Count),
            included.GroupBy(m => m.Sex ?? "unknown").ToDictionary(g => g.Key, g => new SuppressedCount(g.Count())),
            included.GroupBy(m => AgeBand(today.Year - m.BirthYear)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new SuppressedCount(g.Count())));
    }

    /// <summary>Ten-year bands, with everyone over 89 pooled (HIPAA Safe Harbor).</summary>
    public static string AgeBand(int? age) => age switch
    {
        null => "unknown",
        >= 90 => "90+",
        _ => $"{age / 10 * 10}-{age / 10 * 10 + 9}",
    };
}
