package ssh.api;

import java.util.List;
import ssh.api.wire.DisconnectReason;

/** User authentication failed; carries the methods the server would still accept. */
public final class SshAuthenticationException extends SshException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // always an immutable, serializable List.copyOf
    private final List<String> methodsThatCanContinue;
    private final boolean partialSuccess;

    public SshAuthenticationException(String message, List<String> methodsThatCanContinue, boolean partialSuccess) {
        super(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, message, null);
        this.methodsThatCanContinue = List.copyOf(methodsThatCanContinue);
        this.partialSuccess = partialSuccess;
    }

    public List<String> methodsThatCanContinue() {
        return methodsThatCanContinue;
    }

    public boolean partialSuccess() {
        return partialSuccess;
    }
}
