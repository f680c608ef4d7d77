using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>What an offer on chain says its package is: the values a download is checked against.</summary>
public sealed record OnChainCommitments(Hash32 ManifestHash, Hash32 RowsRoot, Hash32 PayoutRoot, BigInteger TotalWeight);
