using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>An included patient's consent as it stood at a dataset's consent block.</summary>
/// <param name="State">Their latest change at or before the block (null: none on record, which a build never includes).</param>
/// <param name="Covered">Whether it covered the dataset's purposes at that block (hasConsent's rule).</param>
public sealed record ConsentAtBlock(EthAddress Patient, ConsentTrailEntry? State, bool Covered);
