using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Agreements;

/// <summary>One version of the data use agreement's text; <see cref="Hash"/> (keccak256 of its UTF-8) is the signed termsHash.</summary>
public sealed record AgreementTerms(string Version, string Text)
{
    public Hash32 Hash { get; } = Keccak256.Hash(Text);
}
