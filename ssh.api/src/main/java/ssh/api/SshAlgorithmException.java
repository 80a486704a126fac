package ssh.api;

/**
 * Configuration names an algorithm or crypto provider that is not available: an unknown name, a
 * family with no implementation on the module path, or an algorithm whose primitives no provider
 * on the chain supplies. The message says what is known and what to add.
 */
public final class SshAlgorithmException extends SshException {
    private static final long serialVersionUID = 1L;

    public SshAlgorithmException(String message) {
        super(message);
    }
}
