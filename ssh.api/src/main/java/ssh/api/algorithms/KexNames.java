package ssh.api.algorithms;

import java.util.List;

/**
 * Key-exchange method names, with the default lists. The client's defaults are OpenSSH's; the
 * server's leave out NIST-curve and 2048-bit methods so that an audit of a default server finds
 * nothing to flag.
 */
public final class KexNames {
    private KexNames() {
    }

    public static final String MLKEM768X25519_SHA256 = "mlkem768x25519-sha256";
    public static final String MLKEM768NISTP256_SHA256 = "mlkem768nistp256-sha256";
    public static final String MLKEM1024NISTP384_SHA384 = "mlkem1024nistp384-sha384";
    public static final String SNTRUP761X25519_SHA512 = "sntrup761x25519-sha512";
    public static final String SNTRUP761X25519_SHA512_OPENSSH = "sntrup761x25519-sha512@openssh.com";
    public static final String CURVE25519_SHA256 = "curve25519-sha256";
    public static final String CURVE25519_SHA256_LIBSSH = "curve25519-sha256@libssh.org";
    public static final String CURVE448_SHA512 = "curve448-sha512";
    public static final String ECDH_SHA2_NISTP256 = "ecdh-sha2-nistp256";
    public static final String ECDH_SHA2_NISTP384 = "ecdh-sha2-nistp384";
    public static final String ECDH_SHA2_NISTP521 = "ecdh-sha2-nistp521";
    public static final String DH_GEX_SHA256 = "diffie-hellman-group-exchange-sha256";
    public static final String DH_GROUP14_SHA256 = "diffie-hellman-group14-sha256";
    public static final String DH_GROUP16_SHA512 = "diffie-hellman-group16-sha512";
    public static final String DH_GROUP18_SHA512 = "diffie-hellman-group18-sha512";
    public static final String DH_GROUP14_SHA1 = "diffie-hellman-group14-sha1";
    public static final String DH_GROUP1_SHA1 = "diffie-hellman-group1-sha1";
    public static final String DH_GEX_SHA1 = "diffie-hellman-group-exchange-sha1";

    /** Pseudo-algorithms appended to the kex list to signal extensions, never negotiated as methods. */
    public static final String EXT_INFO_C = "ext-info-c";
    public static final String EXT_INFO_S = "ext-info-s";
    public static final String KEX_STRICT_C = "kex-strict-c-v00@openssh.com";
    public static final String KEX_STRICT_S = "kex-strict-s-v00@openssh.com";

    /** Every method secsh implements, in preference order. */
    public static final List<String> SUPPORTED = List.of(
            MLKEM768X25519_SHA256, SNTRUP761X25519_SHA512, SNTRUP761X25519_SHA512_OPENSSH,
            CURVE25519_SHA256, CURVE25519_SHA256_LIBSSH, CURVE448_SHA512,
            MLKEM768NISTP256_SHA256, MLKEM1024NISTP384_SHA384,
            ECDH_SHA2_NISTP256, ECDH_SHA2_NISTP384, ECDH_SHA2_NISTP521,
            DH_GEX_SHA256, DH_GROUP16_SHA512, DH_GROUP18_SHA512, DH_GROUP14_SHA256,
            DH_GROUP14_SHA1, DH_GEX_SHA1, DH_GROUP1_SHA1);

    /** OpenSSH's client defaults. */
    public static final List<String> CLIENT_DEFAULTS = List.of(
            MLKEM768X25519_SHA256, SNTRUP761X25519_SHA512, SNTRUP761X25519_SHA512_OPENSSH,
            CURVE25519_SHA256, CURVE25519_SHA256_LIBSSH,
            ECDH_SHA2_NISTP256, ECDH_SHA2_NISTP384, ECDH_SHA2_NISTP521,
            DH_GEX_SHA256, DH_GROUP16_SHA512, DH_GROUP18_SHA512, DH_GROUP14_SHA256);

    /** The server's defaults: no NIST curves, no SHA-1, no 2048-bit group. */
    public static final List<String> SERVER_DEFAULTS = List.of(
            MLKEM768X25519_SHA256, SNTRUP761X25519_SHA512, SNTRUP761X25519_SHA512_OPENSSH,
            CURVE25519_SHA256, CURVE25519_SHA256_LIBSSH,
            DH_GEX_SHA256, DH_GROUP16_SHA512, DH_GROUP18_SHA512);

    /** Methods that stay off until named: SHA-1 exchange hashes and the 1024-bit group. */
    public static final List<String> INSECURE = List.of(DH_GROUP14_SHA1, DH_GEX_SHA1, DH_GROUP1_SHA1);
}
