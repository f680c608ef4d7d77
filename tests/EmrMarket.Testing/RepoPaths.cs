namespace EmrMarket.Testing;

/// <summary>Locations inside the checkout, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Contracts => Path.Combine(Root, "contracts");

    public static string Scripts => Path.Combine(Root, "scripts");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmrMarket.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no EmrMarket.sln above {AppContext.BaseDirectory}");
    }
}
