package ssh.api.algorithms;

import java.util.List;

/** Packet MAC names, with the default lists. */
public final class MacNames {
    private MacNames() {
    }

    public static final String HMAC_SHA2_256_ETM = "hmac-sha2-256-etm@openssh.com";
    public static final String HMAC_SHA2_512_ETM = "hmac-sha2-512-etm@openssh.com";
    public static final String HMAC_SHA1_ETM = "hmac-sha1-etm@openssh.com";
    public static final String HMAC_SHA2_256 = "hmac-sha2-256";
    public static final String HMAC_SHA2_512 = "hmac-sha2-512";
    public static final String HMAC_SHA1 = "hmac-sha1";
    public static final String HMAC_SHA1_96 = "hmac-sha1-96";
    public static final String HMAC_MD5 = "hmac-md5";
    public static final String HMAC_MD5_96 = "hmac-md5-96";

    public static final List<String> SUPPORTED = List.of(
            HMAC_SHA2_256_ETM, HMAC_SHA2_512_ETM, HMAC_SHA1_ETM, HMAC_SHA2_256, HMAC_SHA2_512, HMAC_SHA1,
            HMAC_SHA1_96, HMAC_MD5, HMAC_MD5_96);

    /** OpenSSH's client defaults, less UMAC. */
    public static final List<String> CLIENT_DEFAULTS = List.of(
            HMAC_SHA2_256_ETM, HMAC_SHA2_512_ETM, HMAC_SHA1_ETM, HMAC_SHA2_256, HMAC_SHA2_512, HMAC_SHA1);

    /** The server's defaults: encrypt-then-MAC with SHA-2 only. */
    public static final List<String> SERVER_DEFAULTS = List.of(HMAC_SHA2_256_ETM, HMAC_SHA2_512_ETM);

    /** Truncated and MD5 MACs. */
    public static final List<String> INSECURE = List.of(HMAC_SHA1_96, HMAC_MD5, HMAC_MD5_96);
}
