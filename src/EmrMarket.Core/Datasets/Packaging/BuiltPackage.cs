using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>A written package: the zip on disk and the commitments that go on chain.</summary>
public sealed record BuiltPackage(string Path, long Bytes, PackageManifest Manifest, Hash32 ManifestHash, Hash32 RowsRoot);
