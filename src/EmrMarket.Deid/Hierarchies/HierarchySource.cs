namespace EmrMarket.Deid.Hierarchies;

/// <summary>
/// Where a quasi-identifier's hierarchy comes from: a user-supplied <see cref="Hierarchies.Hierarchy"/>
/// (ARX's CSV format) or a <see cref="BuiltinHierarchy"/> built from the values in the data.
/// </summary>
public sealed class HierarchySource
{
    private const string BuiltinPrefix = "builtin:";

    private HierarchySource(Hierarchy? hierarchy, BuiltinHierarchy? builtin, string description)
    {
        Hierarchy = hierarchy;
        Builtin = builtin;
        Description = description;
    }

    /// <summary>The user-supplied hierarchy, if this is one.</summary>
    public Hierarchy? Hierarchy { get; }

    /// <summary>The built-in hierarchy, if this is one.</summary>
    public BuiltinHierarchy? Builtin { get; }

    /// <summary>How the policy names it: <c>builtin:zip</c>, or the file or shape of a user hierarchy.</summary>
    public string Description { get; }

    /// <summary>A user-supplied hierarchy.</summary>
    public static HierarchySource Of(Hierarchy hierarchy, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        return new HierarchySource(hierarchy, null, description ?? $"csv: {hierarchy.Values.Count} values, {hierarchy.Levels} levels");
    }

    /// <summary>A built-in hierarchy.</summary>
    public static HierarchySource Of(BuiltinHierarchy builtin) =>
        new(null, builtin, BuiltinPrefix + builtin.ToString().ToLowerInvariant());

    /// <summary>Reads a command-line hierarchy argument: <c>builtin:age|zip|date|suppression</c> or the path of an ARX CSV hierarchy.</summary>
    /// <exception cref="DeidException">An unknown built-in, or a missing or malformed file.</exception>
    public static HierarchySource Parse(string spec, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.StartsWith(BuiltinPrefix, StringComparison.OrdinalIgnoreCase))
            return Of(Hierarchies.Hierarchy.FromCsvFile(spec, column: column), Path.GetFileName(spec));
        var name = spec[BuiltinPrefix.Length..];
        return Enum.TryParse<BuiltinHierarchy>(name, ignoreCase: true, out var builtin) && Enum.IsDefined(builtin)
            ? Of(builtin)
            : throw new DeidException(
                $"column '{column}': unknown built-in hierarchy '{name}' (there are {string.Join(", ", Enum.GetNames<BuiltinHierarchy>().Select(n => BuiltinPrefix + n.ToLowerInvariant()))})",
                column, spec);
    }

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>The lowest level that meets Safe Harbor by construction: ZIP3 for ZIP codes, the year for dates.</summary>
    internal int SafeHarborMinimumLevel => Builtin switch
    {
        BuiltinHierarchy.Zip => 1,
        BuiltinHierarchy.Date => 2,
        _ => 0,
    };

    /// <summary>The hierarchy for a column's distinct values.</summary>
    internal Hierarchy Materialize(IReadOnlyList<string> values, string column) =>
        Hierarchy ?? BuiltinHierarchies.Build(Builtin!.Value, values, column);
}
