package ssh.api.spi;

import java.util.Optional;

/** What a server auth method may use: the session, the client's address and the application's authenticators. */
public interface ServerAuthContext {
    /** The session identifier (the first exchange hash), which public-key signatures cover. */
    byte[] sessionId();

    /** The client's address as text (an IP address), for address-limited credentials. */
    String clientAddress();

    /** The public-key algorithm called {@code name}, if the server accepts it for user keys. */
    Optional<PublicKeyAlgorithmFactory> publicKeyAlgorithm(String name);

    /** The application's authenticator of type {@code type}, if it configured one. */
    <T> Optional<T> authenticator(Class<T> type);

    /**
     * Records what a successful credential carries for the rest of the session (for example the
     * options of an {@code authorized_keys} line); the auth layer hands it on with its result.
     */
    void grant(Object attribute);

    CryptoProvider crypto();
}
