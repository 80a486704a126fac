package ssh.api.spi;

import java.math.BigInteger;
import java.security.SecureRandom;
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

/**
 * A source of crypto primitives: the JDK's JCA ({@code jca}), Bouncy Castle ({@code bc}), or a
 * vendor's (an HSM, say). SSH algorithms never call a crypto library directly; they ask the
 * provider chain that configuration names, and the first provider on it that supports a
 * primitive supplies it.
 *
 * <p>Every factory method returns a new object, owned by its caller and not thread-safe. A
 * primitive the provider does not support is an {@link SshCryptoException}; the defaults here
 * throw it, so a vendor implements only what it supplies.
 */
public interface CryptoProvider {
    /** The short name configuration uses for this provider, e.g. {@code "jca"}. */
    String name();

    /** Whether this provider can supply {@code primitive} on the running JVM. Never throws. */
    boolean supports(Primitive primitive);

    /** AES_CTR, AES_CBC, TRIPLE_DES_CBC or BLOWFISH_CBC. */
    default CipherPrimitive cipher(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** CHACHA20. */
    default ChaCha20Primitive chacha20() throws SshCryptoException {
        throw unsupported(Primitive.CHACHA20);
    }

    /** AES_GCM. */
    default AeadPrimitive aead(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** POLY1305. */
    default Poly1305Primitive poly1305() throws SshCryptoException {
        throw unsupported(Primitive.POLY1305);
    }

    /** MD5, SHA1, SHA256, SHA384 or SHA512. */
    default DigestPrimitive digest(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** HMAC_MD5, HMAC_SHA1, HMAC_SHA256, HMAC_SHA384 or HMAC_SHA512. */
    default MacPrimitive mac(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** X25519, X448, ECDH_P256, ECDH_P384 or ECDH_P521. */
    default KeyAgreementPrimitive keyAgreement(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** DH over the group (p, g); refuses an even p, a p under 1024 bits, and g outside 2..p-2. */
    default DhPrimitive dh(BigInteger p, BigInteger g) throws SshCryptoException {
        throw unsupported(Primitive.DH);
    }

    /** ML_KEM_768, ML_KEM_1024 or SNTRUP761. */
    default KemPrimitive kem(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** ED25519, ED448, ECDSA_P256/384/521, RSA_SHA1/SHA256/SHA512 or DSA. */
    default SignaturePrimitive signature(Primitive primitive) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /**
     * A new key pair for a signature primitive; {@code bits} matters for RSA (and DSA, 1024 only)
     * and is ignored otherwise. For RSA, any SHA variant gives the same kind of key.
     */
    default PrivateKeyMaterial generateKeyPair(Primitive primitive, int bits) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /**
     * The public key of an RFC 8032 private key (the 32- or 57-byte seed): ED25519 or ED448. For key
     * files that store only the seed, such as PKCS#8 from {@code openssl genpkey}.
     */
    default PublicKeyMaterial derivePublicKey(Primitive primitive, Secret seed) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /**
     * PBKDF2_HMAC_SHA1, PBKDF2_HMAC_SHA256 or PBKDF2_HMAC_SHA512 (RFC 8018 section 5.2): {@code length}
     * bytes (1 to 65536) derived from {@code password} and a non-empty {@code salt} in
     * {@code iterations} (at least 1) rounds. A provider whose library takes the password as
     * characters decodes it as UTF-8 and refuses other bytes. The caller wipes the result and
     * bounds {@code iterations}, which sets the cost.
     */
    default byte[] pbkdf2(Primitive primitive, byte[] password, byte[] salt, int iterations, int length)
            throws SshCryptoException {
        throw unsupported(primitive);
    }

    /**
     * ARGON2D, ARGON2I or ARGON2ID, version 0x13 (RFC 9106 section 3): a {@code length}-byte tag
     * (4 to 65536) from the password P, salt S, secret K and associated data X (empty arrays where
     * unused), {@code memoryKiB} m (at least 8 per lane), {@code passes} t (at least 1) and
     * {@code parallelism} p (1 to 2^24-1). The caller wipes the result and bounds m and t, which
     * set the memory and time the call takes.
     */
    default byte[] argon2(Primitive primitive, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKiB, int passes, int parallelism, int length) throws SshCryptoException {
        throw unsupported(primitive);
    }

    /** RANDOM: a cryptographically strong generator. */
    default SecureRandom random() throws SshCryptoException {
        throw unsupported(Primitive.RANDOM);
    }

    /** The exception the defaults throw. */
    default SshCryptoException unsupported(Primitive primitive) {
        return new SshCryptoException("crypto provider \"" + name() + "\" cannot supply " + primitive
                + " (" + primitive.description() + ") on this JVM");
    }
}
