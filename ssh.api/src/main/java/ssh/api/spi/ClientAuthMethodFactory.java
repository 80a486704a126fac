package ssh.api.spi;

/** A user-authentication method on the client ({@code password}, {@code publickey}, ...; RFC 4252). */
public interface ClientAuthMethodFactory extends AlgorithmFactory {
    /** A method instance for one authentication attempt sequence on one connection. */
    ClientAuthMethod create(ClientAuthContext context);
}
