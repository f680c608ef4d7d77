namespace EmrMarket.Core.Datasets;

public interface ICohortQueries
{
    /// <summary>Every patient record matching the definition, with their wallet if linked to an account.</summary>
    Task<IReadOnlyList<CohortMember>> FindAsync(CohortDefinition cohort, DateOnly asOf, CancellationToken cancellationToken);
}
