using EmrMarket.Core.Datasets.Packaging;

namespace EmrMarket.Web.Market;

/// <summary>The checks that ran, or why none could.</summary>
public sealed record IntegrityOutcome(PackageVerification? Verification, string? Problem)
{
    public bool Passed => Verification?.Passed == true;

    public static IntegrityOutcome Failed(string problem) => new(null, problem);
}
