package ssh.api.algorithms;

import java.util.List;

/** Public-key (host key and user key) signature algorithm names, with the default lists. */
public final class PublicKeyNames {
    private PublicKeyNames() {
    }

    public static final String SSH_ED25519 = "ssh-ed25519";
    public static final String SSH_ED448 = "ssh-ed448";
    public static final String ECDSA_SHA2_NISTP256 = "ecdsa-sha2-nistp256";
    public static final String ECDSA_SHA2_NISTP384 = "ecdsa-sha2-nistp384";
    public static final String ECDSA_SHA2_NISTP521 = "ecdsa-sha2-nistp521";
    public static final String RSA_SHA2_512 = "rsa-sha2-512";
    public static final String RSA_SHA2_256 = "rsa-sha2-256";
    public static final String SSH_RSA = "ssh-rsa";
    public static final String SSH_DSS = "ssh-dss";

    public static final List<String> SUPPORTED = List.of(
            SSH_ED25519, ECDSA_SHA2_NISTP256, ECDSA_SHA2_NISTP384, ECDSA_SHA2_NISTP521,
            RSA_SHA2_512, RSA_SHA2_256, SSH_ED448, SSH_RSA, SSH_DSS);

    /** OpenSSH's client defaults (HostKeyAlgorithms and PubkeyAcceptedAlgorithms, less certificates). */
    public static final List<String> CLIENT_DEFAULTS = List.of(
            SSH_ED25519, ECDSA_SHA2_NISTP256, ECDSA_SHA2_NISTP384, ECDSA_SHA2_NISTP521,
            RSA_SHA2_512, RSA_SHA2_256);

    /** The server's defaults: no NIST curves, no SHA-1. */
    public static final List<String> SERVER_DEFAULTS = List.of(SSH_ED25519, RSA_SHA2_512, RSA_SHA2_256);

    /** SHA-1 signatures. */
    public static final List<String> INSECURE = List.of(SSH_RSA, SSH_DSS);
}
