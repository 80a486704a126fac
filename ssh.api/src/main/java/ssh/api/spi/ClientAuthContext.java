package ssh.api.spi;

import java.util.List;

/** What a client auth method may use: the user, the session, the server's hints and the caller's credentials. */
public interface ClientAuthContext {
    String user();

    /** The session identifier (the first exchange hash), which public-key signatures cover. */
    byte[] sessionId();

    /** Signature algorithms the server announced in {@code server-sig-algs}, empty if none. */
    List<String> serverSignatureAlgorithms();

    /** The credentials of type {@code type} the application supplied (passwords, key pairs, prompt callbacks). */
    <T> List<T> credentials(Class<T> type);

    CryptoProvider crypto();
}
