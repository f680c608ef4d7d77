namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>The outcome of re-checking a package: every check, each passed or failed with what was found.</summary>
public sealed record PackageVerification(IReadOnlyList<VerificationCheck> Checks)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}

public sealed record VerificationCheck(string Name, bool Passed, string Detail);
