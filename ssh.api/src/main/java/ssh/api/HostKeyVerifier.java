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

    /**
     * Key types (e.g. {@code "ecdsa-sha2-nistp256"}) already on record for {@code host:port}. The
     * client offers host-key algorithms of these types first, as OpenSSH does, so that a host known
     * by one key type is not met with another and reported as changed. None by default.
     */
    default java.util.List<String> knownKeyTypes(String host, int port) throws SshException {
        return java.util.List.of();
    }
}
