namespace EmrMarket.Core.Datasets;

public interface IClinicalExtracts
{
    Task<ClinicalExtract> LoadAsync(IReadOnlyCollection<Guid> patientIds, IReadOnlyCollection<string> observationCodes, CancellationToken cancellationToken);
}
