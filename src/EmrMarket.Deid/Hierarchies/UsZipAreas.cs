using System.Collections.Frozen;
using System.Reflection;

namespace EmrMarket.Deid.Hierarchies;

/// <summary>
/// Versioned reference data about U.S. three-digit ZIP areas: the restricted areas Safe Harbor
/// replaces by <c>000</c> (45 CFR 164.514(b)(2)(i)(B); the 2000-census list from HHS guidance) and
/// the state of each prefix. Both are embedded text files (<c>Data/*.txt</c>) that name their source
/// and version.
/// </summary>
public static class UsZipAreas
{
    private static readonly Lazy<(string Version, FrozenSet<string> Codes)> Restricted = new(LoadRestricted);
    private static readonly Lazy<string[]> States = new(LoadStates);

    /// <summary>The replacement for a restricted three-digit area.</summary>
    public const string RestrictedCode = "000";

    /// <summary>The label of a prefix no state is assigned to.</summary>
    public const string UnassignedState = "??";

    /// <summary>The version of the restricted-area list in use (<c>census-2000</c>).</summary>
    public static string RestrictedAreasVersion => Restricted.Value.Version;

    /// <summary>The restricted three-digit areas: population of 20,000 or fewer.</summary>
    public static IReadOnlySet<string> RestrictedAreas => Restricted.Value.Codes;

    /// <summary>Whether a three-digit ZIP prefix is a restricted area.</summary>
    public static bool IsRestricted(string zip3) => Restricted.Value.Codes.Contains(zip3);

    /// <summary>The two-letter state, territory or military code of a three-digit prefix, or <see cref="UnassignedState"/>.</summary>
    public static string StateOf(string zip3)
    {
        ArgumentNullException.ThrowIfNull(zip3);
        return zip3.Length == 3 && int.TryParse(zip3, out var prefix) && prefix >= 0 ? States.Value[prefix] : UnassignedState;
    }

    private static (string, FrozenSet<string>) LoadRestricted()
    {
        var lines = ReadData("restricted-zip3.census-2000.txt", out var version);
        return (version, lines.ToFrozenSet(StringComparer.Ordinal));
    }

    private static string[] LoadStates()
    {
        var states = Enumerable.Repeat(UnassignedState, 1000).ToArray();
        foreach (var line in ReadData("zip3-states.txt", out _))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var range = parts[0].Split('-');
            var from = int.Parse(range[0]);
            var to = range.Length == 2 ? int.Parse(range[1]) : from;
            for (var p = from; p <= to; p++) states[p] = parts[1];
        }
        return states;
    }

    private static List<string> ReadData(string name, out string version)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"EmrMarket.Deid.Data.{name}")
            ?? throw new InvalidOperationException($"embedded data file {name} is missing");
        using var reader = new StreamReader(stream);
        version = "unversioned";
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.StartsWith("# version:", StringComparison.Ordinal)) version = line["# version:".Length..].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            lines.Add(line);
        }
        return lines;
    }
}
