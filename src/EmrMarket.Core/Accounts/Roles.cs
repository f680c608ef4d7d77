namespace EmrMarket.Core.Accounts;

/// <summary>The marketplace's roles; the one place their names are spelled.</summary>
public static class Roles
{
    public const string Patient = "patient";
    public const string Researcher = "researcher";
    public const string Compliance = "compliance";
    public const string Curator = "curator";
    public const string Provider = "provider";

    public static IReadOnlyList<string> All { get; } = [Patient, Researcher, Compliance, Curator, Provider];

    public static bool IsKnown(string role) => All.Contains(role);
}
