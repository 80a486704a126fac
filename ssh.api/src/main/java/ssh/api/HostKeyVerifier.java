package ssh.api;

import ssh.api.crypto.SshPublicKey;

/**
 * Decides whether the server's host key is the one expected for {@code host:port}. Called by the
 * client after the key exchange has proved the server holds the key's private half. Returning
 * {@code false} or throwing rejects the key and ends the connection with
 * HOST_KEY_NOT_VERIFIABLE.
 */
@FunctionalInterface
public interface HostKeyVerifier {
    boolean verify(String host, int port, SshPublicKey key) throws SshException;
}
