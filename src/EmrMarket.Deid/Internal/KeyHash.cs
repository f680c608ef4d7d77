using System.Numerics;
using System.Runtime.CompilerServices;

namespace EmrMarket.Deid.Internal;

/// <summary>Fibonacci hashing of packed keys (64- or 128-bit); callers take the top bits.</summary>
internal static class KeyHash<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(TKey key)
    {
        var folded = ulong.CreateTruncating(key) ^ (ulong.CreateTruncating(key >>> 32 >>> 32) * 0xC2B2AE3D27D4EB4FUL);
        return folded * 0x9E3779B97F4A7C15UL;
    }
}
