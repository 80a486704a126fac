package ssh.provider.bc;

import java.math.BigInteger;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;

/**
 * The NIST curves P-256, P-384 and P-521 with SEC1 uncompressed point encoding and validation of
 * points and scalars, for ECDH and ECDSA.
 */
final class BcCurves {
    /** One curve: its domain, the byte lengths of a field element and of the order, and its ECDSA hash. */
    record Curve(String name, ECDomainParameters domain, int fieldLength, int orderLength, Supplier<Digest> hash) {
        /** Decodes a SEC1 uncompressed point and refuses one that is malformed, off the curve or infinity. */
        ECPoint decodePoint(byte[] encoded) throws SshCryptoException {
            if (encoded == null || encoded.length != 1 + 2 * fieldLength || encoded[0] != 0x04) {
                throw new SshCryptoException(name + " public point must be " + (1 + 2 * fieldLength)
                        + " bytes in SEC1 uncompressed form");
            }
            try {
                ECPoint q = domain.getCurve().decodePoint(encoded);
                if (q.isInfinity() || !q.isValid()) {
                    throw new SshCryptoException(name + " public point is not on the curve");
                }
                return domain.validatePublicPoint(q);
            } catch (RuntimeException e) {
                throw BcChecks.refused(name + " public point", e);
            }
        }

        /** A big-endian private scalar, refused unless it is in [1, n-1]. */
        BigInteger scalar(byte[] bytes) throws SshCryptoException {
            if (bytes == null || bytes.length == 0 || bytes.length > orderLength + 1) {
                throw new SshCryptoException(name + " private scalar must be 1 to " + orderLength
                        + " bytes (plus at most one leading zero)");
            }
            BigInteger d = new BigInteger(1, bytes);
            if (d.signum() == 0 || d.compareTo(domain.getN()) >= 0) {
                throw new SshCryptoException(name + " private scalar is out of range");
            }
            return d;
        }

        /** The public point d*G. */
        ECPoint publicPoint(BigInteger d) {
            return new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        }

        /** A point in SEC1 uncompressed form. */
        static byte[] encode(ECPoint q) {
            return q.getEncoded(false);
        }
    }

    private static final Curve P256 = curve("P-256", "secp256r1", SHA256Digest::new);
    private static final Curve P384 = curve("P-384", "secp384r1", SHA384Digest::new);
    private static final Curve P521 = curve("P-521", "secp521r1", SHA512Digest::new);

    private BcCurves() {
    }

    private static Curve curve(String name, String secName, Supplier<Digest> hash) {
        X9ECParameters x9 = CustomNamedCurves.getByName(secName);
        ECDomainParameters domain = new ECDomainParameters(x9);
        int fieldLength = (x9.getCurve().getFieldSize() + 7) / 8;
        int orderLength = (x9.getN().bitLength() + 7) / 8;
        return new Curve(name, domain, fieldLength, orderLength, hash);
    }

    /** The curve for an ECDH or ECDSA primitive. */
    static Curve of(Primitive p) {
        return switch (p) {
            case ECDH_P256, ECDSA_P256 -> P256;
            case ECDH_P384, ECDSA_P384 -> P384;
            case ECDH_P521, ECDSA_P521 -> P521;
            default -> throw new IllegalArgumentException(p + " is not on a NIST curve");
        };
    }
}
