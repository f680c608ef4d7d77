namespace EmrMarket.Deid.Synthetic;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018), seeded through SplitMix64: a small, fast generator whose
/// output is fixed by its seed on every platform and .NET version, unlike System.Random.
/// </summary>
internal sealed class Xoshiro256
{
    private ulong s0, s1, s2, s3;

    public Xoshiro256(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    public ulong Next()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => (int)((Next() >> 32) * (ulong)n >> 32);

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
