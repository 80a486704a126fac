package ssh.api.crypto;

/**
 * The cryptographic primitives SSH algorithms are built from. An algorithm declares the ones it
 * needs ({@link ssh.api.spi.AlgorithmFactory#requiredPrimitives()}); a
 * {@link ssh.api.spi.CryptoProvider} says which it can supply on the running JVM.
 */
public enum Primitive {
    AES_CTR(Kind.CIPHER, "AES-128/192/256 in counter mode"),
    AES_CBC(Kind.CIPHER, "AES-128/192/256 in CBC mode"),
    AES_GCM(Kind.AEAD, "AES-128/256 in Galois/counter mode"),
    CHACHA20(Kind.CIPHER, "ChaCha20 with a 64-bit nonce and 64-bit block counter"),
    POLY1305(Kind.MAC, "Poly1305 one-time authenticator"),
    TRIPLE_DES_CBC(Kind.CIPHER, "3DES (EDE, three keys) in CBC mode"),
    BLOWFISH_CBC(Kind.CIPHER, "Blowfish in CBC mode"),
    MD5(Kind.DIGEST, "MD5"),
    SHA1(Kind.DIGEST, "SHA-1"),
    SHA256(Kind.DIGEST, "SHA-256"),
    SHA384(Kind.DIGEST, "SHA-384"),
    SHA512(Kind.DIGEST, "SHA-512"),
    HMAC_MD5(Kind.MAC, "HMAC-MD5"),
    HMAC_SHA1(Kind.MAC, "HMAC-SHA-1"),
    HMAC_SHA256(Kind.MAC, "HMAC-SHA-256"),
    HMAC_SHA384(Kind.MAC, "HMAC-SHA-384"),
    HMAC_SHA512(Kind.MAC, "HMAC-SHA-512"),
    X25519(Kind.KEY_AGREEMENT, "X25519 (RFC 7748)"),
    X448(Kind.KEY_AGREEMENT, "X448 (RFC 7748)"),
    ECDH_P256(Kind.KEY_AGREEMENT, "ECDH over NIST P-256"),
    ECDH_P384(Kind.KEY_AGREEMENT, "ECDH over NIST P-384"),
    ECDH_P521(Kind.KEY_AGREEMENT, "ECDH over NIST P-521"),
    DH(Kind.KEY_AGREEMENT, "finite-field Diffie-Hellman over given group parameters"),
    ML_KEM_768(Kind.KEM, "ML-KEM-768 (FIPS 203)"),
    ML_KEM_1024(Kind.KEM, "ML-KEM-1024 (FIPS 203)"),
    SNTRUP761(Kind.KEM, "Streamlined NTRU Prime sntrup761"),
    ED25519(Kind.SIGNATURE, "Ed25519 (RFC 8032)"),
    ED448(Kind.SIGNATURE, "Ed448 (RFC 8032)"),
    ECDSA_P256(Kind.SIGNATURE, "ECDSA over NIST P-256 with SHA-256"),
    ECDSA_P384(Kind.SIGNATURE, "ECDSA over NIST P-384 with SHA-384"),
    ECDSA_P521(Kind.SIGNATURE, "ECDSA over NIST P-521 with SHA-512"),
    RSA_SHA1(Kind.SIGNATURE, "RSA PKCS#1 v1.5 with SHA-1"),
    RSA_SHA256(Kind.SIGNATURE, "RSA PKCS#1 v1.5 with SHA-256"),
    RSA_SHA512(Kind.SIGNATURE, "RSA PKCS#1 v1.5 with SHA-512"),
    DSA(Kind.SIGNATURE, "DSA with SHA-1"),
    PBKDF2_HMAC_SHA1(Kind.KDF, "PBKDF2 (RFC 8018) with HMAC-SHA-1"),
    PBKDF2_HMAC_SHA256(Kind.KDF, "PBKDF2 (RFC 8018) with HMAC-SHA-256"),
    PBKDF2_HMAC_SHA512(Kind.KDF, "PBKDF2 (RFC 8018) with HMAC-SHA-512"),
    ARGON2D(Kind.KDF, "Argon2d version 0x13 (RFC 9106)"),
    ARGON2I(Kind.KDF, "Argon2i version 0x13 (RFC 9106)"),
    ARGON2ID(Kind.KDF, "Argon2id version 0x13 (RFC 9106)"),
    RANDOM(Kind.RANDOM, "cryptographically strong random bytes");

    /** The shape of a primitive's interface. */
    public enum Kind { CIPHER, AEAD, MAC, DIGEST, KEY_AGREEMENT, KEM, SIGNATURE, RANDOM, KDF }

    private final Kind kind;
    private final String description;

    Primitive(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }
}
