package ssh.api.spi;

import java.util.List;
import java.util.Optional;

/** What a client auth method may use: the user, the session, the server's hints and the caller's credentials. */
public interface ClientAuthContext {
    String user();

    /** The server's host name as the client was asked to connect to it (for prompts). */
    String host();

    /** The session identifier (the first exchange hash), which public-key signatures cover. */
    byte[] sessionId();

    /** Signature algorithms the server announced in {@code server-sig-algs}, empty if none. */
    List<String> serverSignatureAlgorithms();

    /** The public-key algorithms the client may sign with, in preference order. */
    List<String> publicKeyAlgorithms();

    /** The public-key algorithm called {@code name}, if it is one the client may sign with. */
    Optional<PublicKeyAlgorithmFactory> publicKeyAlgorithm(String name);

    /** The credentials of type {@code type} the application supplied (passwords, key pairs, prompt callbacks). */
    <T> List<T> credentials(Class<T> type);

    CryptoProvider crypto();
}
