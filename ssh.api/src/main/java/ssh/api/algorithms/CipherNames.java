package ssh.api.algorithms;

import java.util.List;

/** Packet cipher names, with the default lists. */
public final class CipherNames {
    private CipherNames() {
    }

    public static final String CHACHA20_POLY1305 = "chacha20-poly1305@openssh.com";
    public static final String AES128_GCM = "aes128-gcm@openssh.com";
    public static final String AES256_GCM = "aes256-gcm@openssh.com";
    public static final String AES128_CTR = "aes128-ctr";
    public static final String AES192_CTR = "aes192-ctr";
    public static final String AES256_CTR = "aes256-ctr";
    public static final String AES128_CBC = "aes128-cbc";
    public static final String AES192_CBC = "aes192-cbc";
    public static final String AES256_CBC = "aes256-cbc";
    public static final String TRIPLE_DES_CBC = "3des-cbc";
    public static final String BLOWFISH_CBC = "blowfish-cbc";

    public static final List<String> SUPPORTED = List.of(
            CHACHA20_POLY1305, AES128_GCM, AES256_GCM, AES128_CTR, AES192_CTR, AES256_CTR,
            AES128_CBC, AES192_CBC, AES256_CBC, TRIPLE_DES_CBC, BLOWFISH_CBC);

    /** OpenSSH's client defaults. */
    public static final List<String> CLIENT_DEFAULTS = List.of(
            CHACHA20_POLY1305, AES128_GCM, AES256_GCM, AES128_CTR, AES192_CTR, AES256_CTR);

    /** The server's defaults: the same, none of them CBC. */
    public static final List<String> SERVER_DEFAULTS = CLIENT_DEFAULTS;

    /** CBC modes (the 2009 plaintext-recovery attack) and 64-bit block ciphers. */
    public static final List<String> INSECURE = List.of(AES128_CBC, AES192_CBC, AES256_CBC, TRIPLE_DES_CBC, BLOWFISH_CBC);
}
