using EmrMarket.Ledger.Crypto;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;

namespace EmrMarket.Ledger.Internal;

/// <summary>
/// secp256k1 (SEC 2 §2.4.1) on BouncyCastle's specialised curve. Multiplications by G use the
/// fixed-point comb multiplier, whose precomputed table BouncyCastle caches on the generator;
/// scalar inverses use BouncyCastle's safegcd (ModOddInverse), ten times faster than BigInteger.ModInverse.
/// </summary>
internal static class Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");
    public static readonly ECCurve Curve = Parameters.Curve;
    public static readonly ECPoint G = Parameters.G;
    public static readonly BigInteger N = Parameters.N;
    public static readonly BigInteger HalfN = N.ShiftRight(1);
    public static readonly ECDomainParameters Domain = new(Curve, G, N, Parameters.H);
    private static readonly FixedPointCombMultiplier Comb = new();

    [ThreadStatic] private static HMacDsaKCalculator? _kCalculator;

    public static ECPoint MultiplyG(BigInteger k) => Comb.Multiply(G, k).Normalize();

    public static byte[] PublicKey(BigInteger d)
    {
        var encoded = MultiplyG(d).GetEncoded(false);
        return encoded[1..];
    }

    /// <summary>RFC 6979 deterministic ECDSA with low s (EIP-2) and the recovery id.</summary>
    public static (BigInteger R, BigInteger S, int RecoveryId) Sign(byte[] hash32, BigInteger d)
    {
        var e = new BigInteger(1, hash32);
        var kCalculator = _kCalculator ??= new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(N, d, hash32);
        while (true)
        {
            var k = kCalculator.NextK();
            var point = MultiplyG(k);
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(N);
            if (r.SignValue == 0) continue;
            var s = BigIntegers.ModOddInverse(N, k).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0) continue;
            var recoveryId = (point.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                s = N.Subtract(s);
                recoveryId ^= 1;
            }
            return (r, s, recoveryId);
        }
    }

    /// <summary>SEC 1 §4.1.6 public key recovery; returns the 64-byte uncompressed key.</summary>
    public static byte[] Recover(byte[] hash32, BigInteger r, BigInteger s, int recoveryId)
    {
        var x = recoveryId >= 2 ? r.Add(N) : r;
        if (x.CompareTo(Curve.Field.Characteristic) >= 0)
            throw new SignatureException("the signature's r and recovery id name no point on the curve");
        var compressed = new byte[33];
        compressed[0] = (byte)(0x02 | (recoveryId & 1));
        var xBytes = x.ToByteArrayUnsigned();
        xBytes.CopyTo(compressed, 33 - xBytes.Length);
        ECPoint point;
        try
        {
            point = Curve.DecodePoint(compressed);
        }
        catch (ArgumentException)
        {
            throw new SignatureException("the signature's r is not the x coordinate of a curve point");
        }
        var e = new BigInteger(1, hash32);
        var rInverse = BigIntegers.ModOddInverseVar(N, r);
        var u1 = N.Subtract(e).Multiply(rInverse).Mod(N);
        var u2 = s.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(G, u1, point, u2).Normalize();
        if (q.IsInfinity) throw new SignatureException("the signature recovers to the point at infinity");
        return q.GetEncoded(false)[1..];
    }
}
