package ssh.provider.jca;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * Crypto primitives from the JDK's own JCA providers, named {@code jca}. What this JVM can do is
 * asked once, when the provider is created, by requesting each algorithm from the JCA; nothing
 * throws out of {@link #supports(Primitive)}.
 */
public final class JcaCryptoProvider implements CryptoProvider {
    /** The name configuration uses for this provider. */
    public static final String NAME = "jca";

    private final Set<Primitive> supported;

    public JcaCryptoProvider() {
        Set<Primitive> s = EnumSet.noneOf(Primitive.class);
        for (Primitive p : Primitive.values()) {
            if (probe(p)) {
                s.add(p);
            }
        }
        supported = s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Primitive primitive) {
        return supported.contains(primitive);
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
                case MD5 -> MessageDigest.getInstance("MD5");
                case SHA1 -> MessageDigest.getInstance("SHA-1");
                case SHA256 -> MessageDigest.getInstance("SHA-256");
                case SHA384 -> MessageDigest.getInstance("SHA-384");
                case SHA512 -> MessageDigest.getInstance("SHA-512");
                case HMAC_MD5 -> Mac.getInstance("HmacMD5");
                case HMAC_SHA1 -> Mac.getInstance("HmacSHA1");
                case HMAC_SHA256 -> Mac.getInstance("HmacSHA256");
                case HMAC_SHA384 -> Mac.getInstance("HmacSHA384");
                case HMAC_SHA512 -> Mac.getInstance("HmacSHA512");
                case X25519 -> KeyAgreement.getInstance("X25519");
                case X448 -> KeyAgreement.getInstance("X448");
                case ECDH_P256 -> ecCurve("ECDH", "secp256r1");
                case ECDH_P384 -> ecCurve("ECDH", "secp384r1");
                case ECDH_P521 -> ecCurve("ECDH", "secp521r1");
                case DH -> KeyAgreement.getInstance("DH");
                case ML_KEM_768 -> KeyPairGenerator.getInstance("ML-KEM-768");
                case ML_KEM_1024 -> KeyPairGenerator.getInstance("ML-KEM-1024");
                case ED25519 -> Signature.getInstance("Ed25519");
                case ED448 -> Signature.getInstance("Ed448");
                case ECDSA_P256 -> ecCurve("SHA256withECDSA", "secp256r1");
                case ECDSA_P384 -> ecCurve("SHA384withECDSA", "secp384r1");
                case ECDSA_P521 -> ecCurve("SHA512withECDSA", "secp521r1");
                case RSA_SHA1 -> Signature.getInstance("SHA1withRSA");
                case RSA_SHA256 -> Signature.getInstance("SHA256withRSA");
                case RSA_SHA512 -> Signature.getInstance("SHA512withRSA");
                case DSA -> Signature.getInstance("SHA1withDSA");
                case RANDOM -> new SecureRandom();
                // The JDK has no raw Poly1305 and no sntrup761.
                case POLY1305, SNTRUP761 -> {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static void ecCurve(String algorithm, String curve) throws GeneralSecurityException {
        if (algorithm.equals("ECDH")) {
            KeyAgreement.getInstance(algorithm);
        } else {
            Signature.getInstance(algorithm);
        }
        KeyPairGenerator.getInstance("EC").initialize(new ECGenParameterSpec(curve));
    }

    @Override
    public String toString() {
        return "JcaCryptoProvider";
    }
}
