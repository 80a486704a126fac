package ssh.provider.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;

/** Converts raw key material to and from JDK key objects, and generates key pairs. */
final class JcaKeys {
    private final JcaCurves curves;

    JcaKeys(JcaCurves curves) {
        this.curves = curves;
    }

    PublicKey toPublic(Primitive p, PublicKeyMaterial key) throws SshCryptoException {
        try {
            return switch (key) {
                case PublicKeyMaterial.Edwards ed -> KeyFactory.getInstance(edName(p))
                        .generatePublic(new EdECPublicKeySpec(edParams(p), edPoint(p, ed.encoded())));
                case PublicKeyMaterial.Ec ec -> curves.of(p).publicKey(ec.point());
                case PublicKeyMaterial.Rsa rsa -> KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.modulus(), rsa.publicExponent()));
                case PublicKeyMaterial.Dsa dsa -> KeyFactory.getInstance("DSA")
                        .generatePublic(new DSAPublicKeySpec(dsa.y(), dsa.p(), dsa.q(), dsa.g()));
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SshCryptoException(p + " public key refused: " + e.getMessage(), e);
        }
    }

    PrivateKey toPrivate(Primitive p, PrivateKeyMaterial key) throws SshCryptoException {
        try {
            return switch (key) {
                case PrivateKeyMaterial.Edwards ed -> KeyFactory.getInstance(edName(p))
                        .generatePrivate(new EdECPrivateKeySpec(edParams(p), ed.seed().bytes()));
                case PrivateKeyMaterial.Ec ec -> curves.of(p).privateKey(ec.scalar().bytes());
                case PrivateKeyMaterial.Rsa r -> KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                        r.modulus(), r.publicExponent(), r.privateExponent(), r.p(), r.q(),
                        r.privateExponent().mod(r.p().subtract(BigInteger.ONE)),
                        r.privateExponent().mod(r.q().subtract(BigInteger.ONE)), r.crtCoefficient()));
                case PrivateKeyMaterial.Dsa d -> KeyFactory.getInstance("DSA")
                        .generatePrivate(new DSAPrivateKeySpec(d.x(), d.p(), d.q(), d.g()));
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SshCryptoException(p + " private key refused: " + e.getMessage(), e);
        }
    }

    PrivateKeyMaterial generate(Primitive p, int bits) throws SshCryptoException {
        try {
            switch (p) {
                case ED25519, ED448 -> {
                    KeyPair kp = KeyPairGenerator.getInstance(edName(p)).generateKeyPair();
                    byte[] seed = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElseThrow();
                    return new PrivateKeyMaterial.Edwards(Secret.wrap(seed),
                            edEncode(p, ((EdECPublicKey) kp.getPublic()).getPoint()));
                }
                case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
                    JcaEc curve = curves.of(p);
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(curve.params);
                    KeyPair kp = g.generateKeyPair();
                    byte[] scalar = Checks.fixed(((ECPrivateKey) kp.getPrivate()).getS(), curve.orderBytes());
                    return new PrivateKeyMaterial.Ec(Secret.wrap(scalar),
                            curve.encode(((ECPublicKey) kp.getPublic()).getW()));
                }
                case RSA_SHA1, RSA_SHA256, RSA_SHA512 -> {
                    if (bits < 1024 || bits > 16384) {
                        throw new SshCryptoException("RSA keys are 1024 to 16384 bits, not " + bits);
                    }
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
                    RSAPrivateCrtKey k = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
                    return new PrivateKeyMaterial.Rsa(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                            k.getPrimeP(), k.getPrimeQ(), k.getCrtCoefficient());
                }
                case DSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
                    g.initialize(1024);
                    KeyPair kp = g.generateKeyPair();
                    DSAParams params = ((DSAPrivateKey) kp.getPrivate()).getParams();
                    return new PrivateKeyMaterial.Dsa(params.getP(), params.getQ(), params.getG(),
                            ((DSAPublicKey) kp.getPublic()).getY(), ((DSAPrivateKey) kp.getPrivate()).getX());
                }
                default -> throw new SshCryptoException(p + " is not a signature primitive");
            }
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(p + " key generation failed: " + e.getMessage(), e);
        }
    }

    /**
     * The public key of an EdDSA seed, from the JDK's key-pair generator fed the seed as its
     * randomness, and checked: a signature made from the seed must verify under it.
     */
    PublicKeyMaterial edwardsPublic(Primitive p, Secret seed) throws SshCryptoException {
        if (seed == null) {
            throw new SshCryptoException(p + " seed is missing");
        }
        byte[] s;
        try {
            s = seed.bytes();
        } catch (IllegalStateException e) {
            throw new SshCryptoException(p + " seed was destroyed", e);
        }
        SeedRandom random = SeedRandom.of(s);
        try {
            Checks.length(p + " seed", s, edLength(p));
            KeyPairGenerator g = KeyPairGenerator.getInstance(edName(p));
            g.initialize(edParams(p), random);
            KeyPair kp = g.generateKeyPair();
            byte[] encoded = edEncode(p, ((EdECPublicKey) kp.getPublic()).getPoint());
            PublicKeyMaterial pub = new PublicKeyMaterial.Edwards(encoded);
            byte[] probe = new byte[] {'s', 'e', 'c', 's', 'h'};
            Signature sig = Signature.getInstance(edName(p));
            sig.initSign(KeyFactory.getInstance(edName(p)).generatePrivate(new EdECPrivateKeySpec(edParams(p), s)));
            sig.update(probe);
            byte[] signature = sig.sign();
            sig.initVerify(toPublic(p, pub));
            sig.update(probe);
            if (!sig.verify(signature)) {
                throw new SshCryptoException(p + ": the JDK's key-pair generator did not use the seed as given");
            }
            return pub;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SshCryptoException(p + " public key derivation failed: " + e.getMessage(), e);
        } finally {
            random.wipe();
            Arrays.fill(s, (byte) 0);
        }
    }

    private static String edName(Primitive p) {
        return p == Primitive.ED25519 ? "Ed25519" : "Ed448";
    }

    private static NamedParameterSpec edParams(Primitive p) {
        return p == Primitive.ED25519 ? NamedParameterSpec.ED25519 : NamedParameterSpec.ED448;
    }

    private static int edLength(Primitive p) {
        return p == Primitive.ED25519 ? 32 : 57;
    }

    /** RFC 8032 encoding: y little-endian, with x's parity in the top bit of the last byte. */
    private static EdECPoint edPoint(Primitive p, byte[] encoded) throws SshCryptoException {
        int n = edLength(p);
        Checks.length(p + " public key", encoded, n);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = encoded[n - 1 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        return new EdECPoint(xOdd, new BigInteger(1, be));
    }

    private static byte[] edEncode(Primitive p, EdECPoint point) {
        int n = edLength(p);
        byte[] be = Checks.fixed(point.getY(), n);
        byte[] le = new byte[n];
        for (int i = 0; i < n; i++) {
            le[i] = be[n - 1 - i];
        }
        if (point.isXOdd()) {
            le[n - 1] |= (byte) 0x80;
        }
        return le;
    }
}
