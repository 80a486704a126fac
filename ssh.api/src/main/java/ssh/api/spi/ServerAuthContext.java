package ssh.api.spi;

import java.util.Optional;

/** What a server auth method may use: the session and the application's authenticators. */
public interface ServerAuthContext {
    /** The session identifier (the first exchange hash), which public-key signatures cover. */
    byte[] sessionId();

    /** The application's authenticator of type {@code type}, if it configured one. */
    <T> Optional<T> authenticator(Class<T> type);

    CryptoProvider crypto();
}
