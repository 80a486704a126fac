package ssh.auth.keys;

import java.io.IOException;
import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;

/**
 * PKCS#8 private keys (RFC 5208, RFC 5958): {@code PrivateKeyInfo} for RSA, EC (P-256/384/521),
 * DSA, Ed25519 and Ed448, and {@code EncryptedPrivateKeyInfo} with PBES2 (RFC 8018): PBKDF2 with
 * HMAC-SHA-1, -SHA-256 or -SHA-512, and AES-128/192/256-CBC or DES-EDE3-CBC. Other schemes are
 * refused by name.
 */
final class Pkcs8 {
    static final String RSA = "1.2.840.113549.1.1.1";
    static final String EC = "1.2.840.10045.2.1";
    static final String DSA = "1.2.840.10040.4.1";
    static final String ED25519 = "1.3.101.112";
    static final String ED448 = "1.3.101.113";

    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String PBKDF2 = "1.2.840.113549.1.5.12";
    private static final String SCRYPT = "1.3.6.1.4.1.11591.4.11";
    private static final String HMAC_SHA1 = "1.2.840.113549.2.7";
    private static final String HMAC_SHA256 = "1.2.840.113549.2.9";
    private static final String HMAC_SHA512 = "1.2.840.113549.2.11";
    private static final String AES128_CBC = "2.16.840.1.101.3.4.1.2";
    private static final String AES192_CBC = "2.16.840.1.101.3.4.1.22";
    private static final String AES256_CBC = "2.16.840.1.101.3.4.1.42";
    private static final String DES_EDE3_CBC = "1.2.840.113549.3.7";

    /** More PBKDF2 iterations than this are refused: a hostile file must not cost minutes. */
    static final int MAX_ITERATIONS = 10_000_000;

    private Pkcs8() {
    }

    /** A {@code PrivateKeyInfo} (version 0) or {@code OneAsymmetricKey} (version 1). */
    static SshKeyPair privateKeyInfo(byte[] der, CryptoProvider crypto) throws KeyFormatException {
        Der d = Der.sequenceOf(der, "PrivateKeyInfo");
        int version = d.smallInt("PrivateKeyInfo version");
        if (version > 1) {
            throw new KeyFormatException("PrivateKeyInfo version " + version + " is not supported");
        }
        Der alg = d.sequence("private key algorithm");
        String oid = alg.oid("private key algorithm");
        byte[] key = d.octetString("private key");
        try {
            if (d.peekTag() == (Der.CONTEXT | 0)) {
                d.skip("attributes");
            }
            byte[] storedPublic = null;
            if (version == 1 && d.peekTag() == (Der.IMPLICIT | 1)) {
                storedPublic = d.implicitBitString(1, "public key");
            }
            d.requireEnd("PrivateKeyInfo");
            return switch (oid) {
                case RSA -> {
                    if (alg.hasMore()) {
                        alg.nul("RSA parameters");
                    }
                    alg.requireEnd("RSA algorithm");
                    yield DerKeys.rsa(key);
                }
                case EC -> {
                    String curve = alg.oid("EC named curve");
                    alg.requireEnd("EC algorithm");
                    yield DerKeys.ec(key, curve);
                }
                case DSA -> DerKeys.dsa(alg, key);
                case ED25519, ED448 -> {
                    alg.requireEnd("EdDSA algorithm");
                    Der inner = Der.of(key);
                    byte[] seed = inner.octetString("EdDSA private key");
                    try {
                        inner.requireEnd("EdDSA private key");
                        yield DerKeys.edwards(oid.equals(ED25519) ? Primitive.ED25519 : Primitive.ED448, seed,
                                storedPublic, crypto);
                    } finally {
                        Arrays.fill(seed, (byte) 0);
                    }
                }
                default -> throw new KeyFormatException("PKCS#8 key algorithm " + oid + " is not supported");
            };
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * An {@code EncryptedPrivateKeyInfo} with PBES2, decrypted with the passphrase from
     * {@code source}: bad padding or a bad structure after decryption is a
     * {@link WrongPassphraseException}.
     */
    static SshKeyPair encrypted(byte[] der, PassphraseSource source, String description, CryptoProvider crypto)
            throws IOException {
        Der d = Der.sequenceOf(der, "EncryptedPrivateKeyInfo");
        Der alg = d.sequence("encryption algorithm");
        String scheme = alg.oid("encryption scheme");
        if (!scheme.equals(PBES2)) {
            throw new KeyFormatException("PKCS#8 encryption scheme " + schemeName(scheme) + " (" + scheme
                    + ") is not supported; only PBES2 with PBKDF2 is");
        }
        Der params = alg.sequence("PBES2 parameters");
        alg.requireEnd("encryption algorithm");
        Der kdf = params.sequence("PBES2 key derivation");
        String kdfOid = kdf.oid("PBES2 key derivation function");
        if (!kdfOid.equals(PBKDF2)) {
            throw new KeyFormatException("PBES2 key derivation " + (kdfOid.equals(SCRYPT) ? "scrypt" : "function")
                    + " (" + kdfOid + ") is not supported; only PBKDF2 is");
        }
        Der pbkdf2 = kdf.sequence("PBKDF2 parameters");
        kdf.requireEnd("PBES2 key derivation");
        byte[] salt = pbkdf2.octetString("PBKDF2 salt");
        int iterations = pbkdf2.smallInt("PBKDF2 iteration count");
        int keyLength = pbkdf2.peekTag() == Der.INTEGER ? pbkdf2.smallInt("PBKDF2 key length") : -1;
        Primitive prf = Primitive.PBKDF2_HMAC_SHA1;
        if (pbkdf2.hasMore()) {
            Der prfAlg = pbkdf2.sequence("PBKDF2 pseudo-random function");
            prf = prf(prfAlg.oid("PBKDF2 pseudo-random function"));
            if (prfAlg.hasMore()) {
                prfAlg.nul("PBKDF2 pseudo-random function parameters");
            }
            prfAlg.requireEnd("PBKDF2 pseudo-random function");
        }
        pbkdf2.requireEnd("PBKDF2 parameters");
        Der enc = params.sequence("PBES2 encryption scheme");
        params.requireEnd("PBES2 parameters");
        KeyCrypto.Cbc cbc = cipher(enc.oid("PBES2 encryption scheme"));
        byte[] iv = enc.octetString("PBES2 initialization vector");
        enc.requireEnd("PBES2 encryption scheme");
        byte[] data = d.octetString("encrypted private key");
        d.requireEnd("EncryptedPrivateKeyInfo");
        if (iv.length != cbc.blockSize || salt.length == 0 || iterations < 1 || iterations > MAX_ITERATIONS
                || keyLength != -1 && keyLength != cbc.keyLength) {
            throw new KeyFormatException("PBES2 parameters out of range: " + salt.length + "-byte salt, "
                    + iterations + " iterations (at most " + MAX_ITERATIONS + "), key length " + keyLength
                    + ", " + iv.length + "-byte IV for " + cbc);
        }
        byte[] pass = KeyCrypto.passphrase(source, description);
        byte[] key;
        try {
            key = crypto.pbkdf2(prf, pass, salt, iterations, cbc.keyLength);
        } catch (SshCryptoException e) {
            throw new KeyFormatException("cannot derive the key of " + description + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
        byte[] plain = KeyCrypto.decrypt(crypto, cbc, key, iv, data, true, description);
        try {
            return privateKeyInfo(plain, crypto);
        } catch (WrongPassphraseException e) {
            throw e;
        } catch (KeyFormatException e) {
            throw new WrongPassphraseException("wrong passphrase for " + description
                    + " (the decrypted key is not a valid PrivateKeyInfo)");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Primitive prf(String oid) throws KeyFormatException {
        return switch (oid) {
            case HMAC_SHA1 -> Primitive.PBKDF2_HMAC_SHA1;
            case HMAC_SHA256 -> Primitive.PBKDF2_HMAC_SHA256;
            case HMAC_SHA512 -> Primitive.PBKDF2_HMAC_SHA512;
            default -> throw new KeyFormatException("PBKDF2 pseudo-random function " + oid
                    + " is not supported (HMAC-SHA-1, -SHA-256 and -SHA-512 are)");
        };
    }

    private static KeyCrypto.Cbc cipher(String oid) throws KeyFormatException {
        return switch (oid) {
            case AES128_CBC -> KeyCrypto.Cbc.AES_128;
            case AES192_CBC -> KeyCrypto.Cbc.AES_192;
            case AES256_CBC -> KeyCrypto.Cbc.AES_256;
            case DES_EDE3_CBC -> KeyCrypto.Cbc.DES_EDE3;
            default -> throw new KeyFormatException("PBES2 encryption scheme " + oid
                    + " is not supported (AES-128/192/256-CBC and DES-EDE3-CBC are)");
        };
    }

    private static String schemeName(String oid) {
        if (oid.startsWith("1.2.840.113549.1.5.")) {
            return "PBES1";
        }
        if (oid.startsWith("1.2.840.113549.1.12.1.")) {
            return "PKCS#12 PBE";
        }
        return "with OID";
    }
}
