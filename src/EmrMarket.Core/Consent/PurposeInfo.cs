namespace EmrMarket.Core.Consent;

/// <summary>A purpose as the UI shows it.</summary>
/// <param name="Name">Short name (a checkbox label).</param>
/// <param name="Explanation">One line on what it allows.</param>
/// <param name="SolidityName">The constant in contracts/src/libraries/Purposes.sol.</param>
public sealed record PurposeInfo(Purpose Purpose, string Name, string Explanation, string SolidityName);
