namespace EmrMarket.Core.Revocation;

/// <summary>A line of the curator's revocation queue: an offer paused (or about to be) for a rebuild, or one that could not be rebuilt.</summary>
/// <param name="DatasetTitle">The title of the dataset on sale.</param>
/// <param name="PatientsDetected">Patients in it whose consent no longer covers the offer.</param>
/// <param name="Latest">The newest step of its trail.</param>
public sealed record RevocationQueueItem(RevocationCase Case, string DatasetTitle, int PatientsDetected, RevocationAction? Latest);
