package ssh.provider.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
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
 * Crypto primitives from Bouncy Castle's lightweight API, named {@code bc}. Never registers a JCA
 * provider and reads no system property.
 */
public final class BcCryptoProvider implements CryptoProvider {
    /** The name configuration uses for this provider. */
    public static final String NAME = "bc";

    /** Everything this provider implements: the whole catalogue as it stands. */
    private static final Set<Primitive> SUPPORTED = EnumSet.of(
            Primitive.AES_CTR, Primitive.AES_CBC, Primitive.AES_GCM, Primitive.CHACHA20, Primitive.POLY1305,
            Primitive.TRIPLE_DES_CBC, Primitive.BLOWFISH_CBC,
            Primitive.MD5, Primitive.SHA1, Primitive.SHA256, Primitive.SHA384, Primitive.SHA512,
            Primitive.HMAC_MD5, Primitive.HMAC_SHA1, Primitive.HMAC_SHA256, Primitive.HMAC_SHA384,
            Primitive.HMAC_SHA512,
            Primitive.X25519, Primitive.X448, Primitive.ECDH_P256, Primitive.ECDH_P384, Primitive.ECDH_P521,
            Primitive.DH,
            Primitive.ML_KEM_768, Primitive.ML_KEM_1024, Primitive.SNTRUP761,
            Primitive.ED25519, Primitive.ED448, Primitive.ECDSA_P256, Primitive.ECDSA_P384, Primitive.ECDSA_P521,
            Primitive.RSA_SHA1, Primitive.RSA_SHA256, Primitive.RSA_SHA512, Primitive.DSA,
            Primitive.PBKDF2_HMAC_SHA1, Primitive.PBKDF2_HMAC_SHA256, Primitive.PBKDF2_HMAC_SHA512,
            Primitive.ARGON2D, Primitive.ARGON2I, Primitive.ARGON2ID,
            Primitive.RANDOM);

    /** The randomness every primitive of this provider draws on; SecureRandom is thread-safe. */
    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Primitive primitive) {
        return primitive != null && SUPPORTED.contains(primitive);
    }

    @Override
    public CipherPrimitive cipher(Primitive p) throws SshCryptoException {
        return switch (require(p)) {
            case AES_CTR, AES_CBC, TRIPLE_DES_CBC, BLOWFISH_CBC -> BcCipher.of(p);
            default -> throw unsupported(p);
        };
    }

    @Override
    public ChaCha20Primitive chacha20() {
        return new BcChaCha20();
    }

    @Override
    public AeadPrimitive aead(Primitive p) throws SshCryptoException {
        if (require(p) != Primitive.AES_GCM) {
            throw unsupported(p);
        }
        return new BcGcm();
    }

    @Override
    public Poly1305Primitive poly1305() {
        return new BcPoly1305();
    }

    @Override
    public DigestPrimitive digest(Primitive p) throws SshCryptoException {
        return switch (require(p)) {
            case MD5, SHA1, SHA256, SHA384, SHA512 -> new BcDigest(BcDigest.newDigest(p));
            default -> throw unsupported(p);
        };
    }

    @Override
    public MacPrimitive mac(Primitive p) throws SshCryptoException {
        return switch (require(p)) {
            case HMAC_MD5, HMAC_SHA1, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512 -> new BcHmac(BcDigest.newDigest(p));
            default -> throw unsupported(p);
        };
    }

    @Override
    public KeyAgreementPrimitive keyAgreement(Primitive p) throws SshCryptoException {
        return switch (require(p)) {
            case X25519 -> BcXdh.x25519(random);
            case X448 -> BcXdh.x448(random);
            case ECDH_P256, ECDH_P384, ECDH_P521 -> new BcEcdh(BcCurves.of(p), random);
            default -> throw unsupported(p);
        };
    }

    @Override
    public DhPrimitive dh(BigInteger p, BigInteger g) throws SshCryptoException {
        return new BcDh(p, g, random);
    }

    @Override
    public KemPrimitive kem(Primitive p) throws SshCryptoException {
        return switch (require(p)) {
            case ML_KEM_768 -> BcMlKem.mlKem768(random);
            case ML_KEM_1024 -> BcMlKem.mlKem1024(random);
            case SNTRUP761 -> new BcSntrup(random);
            default -> throw unsupported(p);
        };
    }

    @Override
    public SignaturePrimitive signature(Primitive p) throws SshCryptoException {
        return switch (require(p)) {
            case ED25519 -> new BcEdDsa(false);
            case ED448 -> new BcEdDsa(true);
            case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> new BcEcdsa(BcCurves.of(p));
            case RSA_SHA1, RSA_SHA256, RSA_SHA512 -> new BcRsa(p, random);
            case DSA -> new BcDsa();
            default -> throw unsupported(p);
        };
    }

    @Override
    public PrivateKeyMaterial generateKeyPair(Primitive p, int bits) throws SshCryptoException {
        if (require(p).kind() != Primitive.Kind.SIGNATURE) {
            throw unsupported(p);
        }
        return BcKeyGen.generate(p, bits, random);
    }

    @Override
    public PublicKeyMaterial derivePublicKey(Primitive p, Secret seed) throws SshCryptoException {
        boolean ed448 = switch (require(p)) {
            case ED25519 -> false;
            case ED448 -> true;
            default -> throw unsupported(p);
        };
        byte[] s = BcChecks.secretBytes(p + " seed", seed);
        try {
            if (ed448) {
                BcChecks.length(p + " seed", s, Ed448PrivateKeyParameters.KEY_SIZE);
                return new PublicKeyMaterial.Edwards(new Ed448PrivateKeyParameters(s).generatePublicKey().getEncoded());
            }
            BcChecks.length(p + " seed", s, Ed25519PrivateKeyParameters.KEY_SIZE);
            return new PublicKeyMaterial.Edwards(new Ed25519PrivateKeyParameters(s).generatePublicKey().getEncoded());
        } finally {
            BcChecks.wipe(s);
        }
    }

    @Override
    public byte[] pbkdf2(Primitive p, byte[] password, byte[] salt, int iterations, int length)
            throws SshCryptoException {
        return BcKdf.pbkdf2(require(p), password, salt, iterations, length);
    }

    @Override
    public byte[] argon2(Primitive p, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKiB, int passes, int parallelism, int length) throws SshCryptoException {
        return BcKdf.argon2(require(p), password, salt, secret, associatedData, memoryKiB, passes, parallelism,
                length);
    }

    @Override
    public SecureRandom random() {
        return new SecureRandom();
    }

    private static Primitive require(Primitive p) throws SshCryptoException {
        if (p == null) {
            throw new SshCryptoException("no primitive named");
        }
        return p;
    }

    @Override
    public String toString() {
        return "BcCryptoProvider";
    }
}
