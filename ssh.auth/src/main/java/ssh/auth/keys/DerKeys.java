package ssh.auth.keys;

import java.math.BigInteger;
import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;

/**
 * The private-key structures inside PEM and PKCS#8 files, turned into checked key pairs: PKCS#1
 * {@code RSAPrivateKey} (RFC 8017 appendix A.1.2), SEC1 {@code ECPrivateKey} (RFC 5915), OpenSSL's
 * DSA sequence (version, p, q, g, y, x), and the raw DSA and EdDSA keys of PKCS#8.
 */
final class DerKeys {
    static final String OID_P256 = "1.2.840.10045.3.1.7";
    static final String OID_P384 = "1.3.132.0.34";
    static final String OID_P521 = "1.3.132.0.35";

    private DerKeys() {
    }

    /** A PKCS#1 RSAPrivateKey: version 0, n, e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p. */
    static SshKeyPair rsa(byte[] der) throws KeyFormatException {
        Der d = Der.sequenceOf(der, "RSAPrivateKey");
        int version = d.smallInt("RSAPrivateKey version");
        if (version != 0) {
            throw new KeyFormatException("RSAPrivateKey version " + version
                    + " (multi-prime RSA) is not supported");
        }
        BigInteger n = d.integer("RSA modulus");
        BigInteger e = d.integer("RSA public exponent");
        BigInteger priv = d.integer("RSA private exponent");
        BigInteger p = d.integer("RSA prime p");
        BigInteger q = d.integer("RSA prime q");
        d.integer("RSA exponent d mod (p-1)");
        d.integer("RSA exponent d mod (q-1)");
        BigInteger qInv = d.integer("RSA coefficient");
        d.requireEnd("RSAPrivateKey");
        return pair("ssh-rsa", new PrivateKeyMaterial.Rsa(n, e, priv, p, q, qInv));
    }

    /** OpenSSL's traditional DSA private key: SEQUENCE of version 0, p, q, g, y, x. */
    static SshKeyPair dsa(byte[] der) throws KeyFormatException {
        Der d = Der.sequenceOf(der, "DSA private key");
        int version = d.smallInt("DSA private key version");
        if (version != 0) {
            throw new KeyFormatException("DSA private key version " + version + " is not supported");
        }
        BigInteger p = d.integer("DSA p");
        BigInteger q = d.integer("DSA q");
        BigInteger g = d.integer("DSA g");
        BigInteger y = d.integer("DSA y");
        BigInteger x = d.integer("DSA x");
        d.requireEnd("DSA private key");
        return pair("ssh-dss", new PrivateKeyMaterial.Dsa(p, q, g, y, x));
    }

    /**
     * A PKCS#8 DSA key: the parameters {@code Dss-Parms} (p, q, g) from the algorithm identifier and
     * x as a DER INTEGER. PKCS#8 does not store y, so it is computed as g^x mod p.
     */
    static SshKeyPair dsa(Der params, byte[] privateKey) throws KeyFormatException {
        Der d = params.sequence("DSA parameters");
        BigInteger p = d.integer("DSA p");
        BigInteger q = d.integer("DSA q");
        BigInteger g = d.integer("DSA g");
        d.requireEnd("DSA parameters");
        params.requireEnd("DSA algorithm parameters");
        Der k = Der.of(privateKey);
        BigInteger x = k.integer("DSA x");
        k.requireEnd("DSA private key");
        // ssh-dss keys are 1024-bit; check the sizes before the exponentiation so that a hostile
        // file cannot make it expensive.
        if (p.bitLength() != 1024 || q.bitLength() != 160 || x.signum() <= 0 || x.compareTo(q) >= 0
                || g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(p) >= 0) {
            throw new KeyFormatException("DSA key is not a 1024-bit key with a 160-bit q and x in 1..q-1");
        }
        return pair("ssh-dss", new PrivateKeyMaterial.Dsa(p, q, g, g.modPow(x, p), x));
    }

    /**
     * A SEC1 ECPrivateKey: version 1, the scalar, the curve (optional when {@code outerCurveOid},
     * from a PKCS#8 algorithm identifier, names it) and the public point, which secsh needs.
     */
    static SshKeyPair ec(byte[] der, String outerCurveOid) throws KeyFormatException {
        Der d = Der.sequenceOf(der, "ECPrivateKey");
        int version = d.smallInt("ECPrivateKey version");
        if (version != 1) {
            throw new KeyFormatException("ECPrivateKey version " + version + " is not supported");
        }
        byte[] scalar = d.octetString("EC private key");
        try {
            String curve = outerCurveOid;
            if (d.peekTag() == (Der.CONTEXT | 0)) {
                Der params = d.explicit(0, "EC parameters");
                String inner = params.oid("EC named curve");
                params.requireEnd("EC parameters");
                if (curve != null && !curve.equals(inner)) {
                    throw new KeyFormatException("EC key names curve " + inner + " inside and " + curve + " outside");
                }
                curve = inner;
            }
            if (curve == null) {
                throw new KeyFormatException("EC private key does not name its curve");
            }
            String type = ecType(curve);
            byte[] point = null;
            if (d.peekTag() == (Der.CONTEXT | 1)) {
                Der pub = d.explicit(1, "EC public key");
                point = pub.bitString("EC public point");
                pub.requireEnd("EC public key");
            }
            d.requireEnd("ECPrivateKey");
            if (point == null) {
                throw new KeyFormatException("EC private key without its public point is not supported"
                        + " (OpenSSL and ssh-keygen always write it)");
            }
            int n = ecBytes(type);
            if (point.length != 1 + 2 * n || point[0] != 4) {
                throw new KeyFormatException("EC public point is not an uncompressed " + type + " point");
            }
            if (scalar.length == 0 || scalar.length > n) {
                throw new KeyFormatException("EC private key of " + scalar.length + " bytes for " + type);
            }
            return pair(type, new PrivateKeyMaterial.Ec(Secret.copyOf(scalar), point));
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /**
     * An EdDSA key from its seed; the public key is computed by the provider and, when the file
     * also stores it ({@code stored} non-null), must match.
     */
    static SshKeyPair edwards(Primitive p, byte[] seed, byte[] stored, CryptoProvider crypto)
            throws KeyFormatException {
        String type = p == Primitive.ED25519 ? "ssh-ed25519" : "ssh-ed448";
        int n = p == Primitive.ED25519 ? 32 : 57;
        if (seed.length != n) {
            throw new KeyFormatException(type + " private key of " + seed.length + " bytes; " + n + " expected");
        }
        byte[] pub;
        try {
            pub = ((PublicKeyMaterial.Edwards) crypto.derivePublicKey(p, Secret.copyOf(seed))).encoded();
        } catch (SshCryptoException | ClassCastException e) {
            throw new KeyFormatException("cannot compute the " + type + " public key: " + e.getMessage(), e);
        }
        if (stored != null && !Arrays.equals(stored, pub)) {
            throw new KeyFormatException(type + " public key stored in the file does not match its private key");
        }
        return pair(type, new PrivateKeyMaterial.Edwards(Secret.copyOf(seed), pub));
    }

    /** The {@code ecdsa-sha2-*} key type of a curve OID. */
    static String ecType(String oid) throws KeyFormatException {
        return switch (oid) {
            case OID_P256 -> "ecdsa-sha2-nistp256";
            case OID_P384 -> "ecdsa-sha2-nistp384";
            case OID_P521 -> "ecdsa-sha2-nistp521";
            default -> throw new KeyFormatException("EC curve " + oid + " is not supported (only P-256, P-384, P-521)");
        };
    }

    private static int ecBytes(String type) {
        return switch (type) {
            case "ecdsa-sha2-nistp256" -> 32;
            case "ecdsa-sha2-nistp384" -> 48;
            default -> 66;
        };
    }

    /**
     * The key pair of {@code material}, checked as {@link SshKeyCodec#privateMaterial} checks key
     * files (sizes, ranges, p*q = n, the private part matching the public one). The material's
     * secrets are wiped.
     */
    static SshKeyPair pair(String type, PrivateKeyMaterial material) throws KeyFormatException {
        SshKeyPair pair;
        try {
            pair = SshKeyCodec.keyPair(type, material);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new KeyFormatException(type + " key does not have the sizes its type needs: " + e.getMessage());
        } finally {
            wipe(material);
        }
        try {
            wipe(SshKeyCodec.privateMaterial(pair));
            return pair;
        } catch (SshProtocolException e) {
            pair.close();
            throw new KeyFormatException("bad " + type + " key: " + e.getMessage(), e);
        }
    }

    private static void wipe(PrivateKeyMaterial m) {
        switch (m) {
            case PrivateKeyMaterial.Edwards ed -> ed.seed().destroy();
            case PrivateKeyMaterial.Ec ec -> ec.scalar().destroy();
            default -> {
                // RSA and DSA values are BigIntegers, which cannot be wiped.
            }
        }
    }
}
