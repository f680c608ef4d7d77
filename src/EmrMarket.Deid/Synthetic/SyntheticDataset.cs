using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Synthetic;

/// <summary>A generated table and a policy for it.</summary>
/// <param name="Table">The patients, with roles and identifier kinds set.</param>
/// <param name="Policy">Its quasi-identifiers with their hierarchies (built-in or explicit), k = 5, no suppression, the Loss metric.</param>
/// <param name="Hierarchies">The explicit hierarchies by column, for writing them out as ARX CSV files.</param>
public sealed record SyntheticDataset(Table Table, DeidPolicy Policy, IReadOnlyDictionary<string, Hierarchy> Hierarchies);
