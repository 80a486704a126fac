package ssh.provider.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import ssh.api.SshCryptoException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.DhPrimitive;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Poly1305Primitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SignaturePrimitive;
import ssh.api.spi.CryptoProvider;

/**
 * Crypto primitives from the JDK's own JCA providers, named {@code jca}. What this JVM can do is
 * asked once, when the provider is created, by requesting each algorithm from the JCA; nothing
 * throws out of {@link #supports(Primitive)}. Poly1305, which the JDK does not expose, is
 * implemented here from RFC 8439; sntrup761 and Argon2, which the JDK lacks, are left to other
 * providers.
 */
public final class JcaCryptoProvider implements CryptoProvider {
    /** The name configuration uses for this provider. */
    public static final String NAME = "jca";

    private final Set<Primitive> supported;
    private final JcaCurves curves;
    private final JcaKeys keys;

    public JcaCryptoProvider() {
        Set<Primitive> s = EnumSet.noneOf(Primitive.class);
        for (Primitive p : Primitive.values()) {
            if (probe(p)) {
                s.add(p);
            }
        }
        JcaCurves c;
        try {
            c = new JcaCurves();
        } catch (GeneralSecurityException e) {
            c = null;
            s.removeAll(EnumSet.of(Primitive.ECDH_P256, Primitive.ECDH_P384, Primitive.ECDH_P521,
                    Primitive.ECDSA_P256, Primitive.ECDSA_P384, Primitive.ECDSA_P521));
        }
        supported = s;
        curves = c;
        keys = new JcaKeys(c);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Primitive primitive) {
        return supported.contains(primitive);
    }

    private void require(Primitive p, Primitive.Kind kind) throws SshCryptoException {
        if (!supported.contains(p) || p.kind() != kind) {
            throw unsupported(p);
        }
    }

    @Override
    public CipherPrimitive cipher(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.CIPHER);
        try {
            return switch (p) {
                case AES_CTR -> JcaCipher.aesCtr();
                case AES_CBC -> JcaCipher.aesCbc();
                case TRIPLE_DES_CBC -> JcaCipher.tripleDesCbc();
                case BLOWFISH_CBC -> JcaCipher.blowfishCbc();
                default -> throw unsupported(p);
            };
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ChaCha20Primitive chacha20() throws SshCryptoException {
        require(Primitive.CHACHA20, Primitive.Kind.CIPHER);
        try {
            return new JcaChaCha20();
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException("ChaCha20: " + e.getMessage(), e);
        }
    }

    @Override
    public AeadPrimitive aead(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.AEAD);
        try {
            return new JcaGcm();
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException("AES-GCM: " + e.getMessage(), e);
        }
    }

    @Override
    public Poly1305Primitive poly1305() {
        return new Poly1305();
    }

    @Override
    public DigestPrimitive digest(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.DIGEST);
        try {
            return new JcaDigest(jcaName(p));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public MacPrimitive mac(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.MAC);
        if (p == Primitive.POLY1305) {
            throw unsupported(p);
        }
        try {
            return new JcaHmac(jcaName(p));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public KeyAgreementPrimitive keyAgreement(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.KEY_AGREEMENT);
        try {
            return switch (p) {
                case X25519 -> JcaXdh.x25519();
                case X448 -> JcaXdh.x448();
                case ECDH_P256, ECDH_P384, ECDH_P521 -> new JcaEcdh(curves.of(p));
                default -> throw unsupported(p);
            };
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DhPrimitive dh(BigInteger p, BigInteger g) throws SshCryptoException {
        require(Primitive.DH, Primitive.Kind.KEY_AGREEMENT);
        return new JcaDh(p, g);
    }

    @Override
    public KemPrimitive kem(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.KEM);
        return switch (p) {
            case ML_KEM_768 -> JcaMlKem.mlKem768();
            case ML_KEM_1024 -> JcaMlKem.mlKem1024();
            default -> throw unsupported(p);
        };
    }

    @Override
    public SignaturePrimitive signature(Primitive p) throws SshCryptoException {
        require(p, Primitive.Kind.SIGNATURE);
        return new JcaSignature(p, keys);
    }

    @Override
    public PrivateKeyMaterial generateKeyPair(Primitive p, int bits) throws SshCryptoException {
        require(p, Primitive.Kind.SIGNATURE);
        return keys.generate(p, bits);
    }

    @Override
    public PublicKeyMaterial derivePublicKey(Primitive p, Secret seed) throws SshCryptoException {
        if (p != Primitive.ED25519 && p != Primitive.ED448) {
            throw unsupported(p);
        }
        require(p, Primitive.Kind.SIGNATURE);
        return keys.edwardsPublic(p, seed);
    }

    @Override
    public byte[] pbkdf2(Primitive p, byte[] password, byte[] salt, int iterations, int length)
            throws SshCryptoException {
        require(p, Primitive.Kind.KDF);
        if (!p.name().startsWith("PBKDF2_")) {
            throw unsupported(p);
        }
        return JcaKdf.pbkdf2(p, password, salt, iterations, length);
    }

    @Override
    public SecureRandom random() {
        return new SecureRandom();
    }

    private static String jcaName(Primitive p) {
        return switch (p) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
            case HMAC_MD5 -> "HmacMD5";
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA256 -> "HmacSHA256";
            case HMAC_SHA384 -> "HmacSHA384";
            case HMAC_SHA512 -> "HmacSHA512";
            default -> throw new IllegalArgumentException(p.toString());
        };
    }

    private static boolean probe(Primitive p) {
        try {
            switch (p) {
                case AES_CTR -> Cipher.getInstance("AES/CTR/NoPadding");
                case AES_CBC -> Cipher.getInstance("AES/CBC/NoPadding");
                case AES_GCM -> Cipher.getInstance("AES/GCM/NoPadding");
                case CHACHA20 -> Cipher.getInstance("ChaCha20");
                case TRIPLE_DES_CBC -> Cipher.getInstance("DESede/CBC/NoPadding");
                case BLOWFISH_CBC -> Cipher.getInstance("Blowfish/CBC/NoPadding");
                case MD5, SHA1, SHA256, SHA384, SHA512 -> MessageDigest.getInstance(jcaName(p));
                case HMAC_MD5, HMAC_SHA1, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512 -> Mac.getInstance(jcaName(p));
                case X25519, X448 -> KeyAgreement.getInstance("XDH");
                case ECDH_P256, ECDH_P384, ECDH_P521 -> KeyAgreement.getInstance("ECDH");
                case DH -> KeyAgreement.getInstance("DH");
                // javax.crypto.KEM is in JDK 21, but ML-KEM itself only from JDK 24.
                case ML_KEM_768 -> KeyPairGenerator.getInstance("ML-KEM-768");
                case ML_KEM_1024 -> KeyPairGenerator.getInstance("ML-KEM-1024");
                case ED25519 -> Signature.getInstance("Ed25519");
                case ED448 -> Signature.getInstance("Ed448");
                case ECDSA_P256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case ECDSA_P384 -> Signature.getInstance("SHA384withECDSAinP1363Format");
                case ECDSA_P521 -> Signature.getInstance("SHA512withECDSAinP1363Format");
                case RSA_SHA1 -> Signature.getInstance("SHA1withRSA");
                case RSA_SHA256 -> Signature.getInstance("SHA256withRSA");
                case RSA_SHA512 -> Signature.getInstance("SHA512withRSA");
                case DSA -> Signature.getInstance("SHA1withDSAinP1363Format");
                case PBKDF2_HMAC_SHA1, PBKDF2_HMAC_SHA256, PBKDF2_HMAC_SHA512 ->
                        SecretKeyFactory.getInstance(JcaKdf.jcaName(p));
                case RANDOM, POLY1305 -> {
                    // Always: SecureRandom is in every JDK, Poly1305 is implemented in this module.
                }
                case SNTRUP761, ARGON2D, ARGON2I, ARGON2ID -> {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "JcaCryptoProvider";
    }
}
