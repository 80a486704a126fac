package ssh.api.spi;

/** A user-authentication method on the server, checking requests against application authenticators. */
public interface ServerAuthMethodFactory extends AlgorithmFactory {
    /** A method instance for one connection. */
    ServerAuthMethod create(ServerAuthContext context);
}
