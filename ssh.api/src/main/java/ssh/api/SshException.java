package ssh.api;

import java.io.IOException;

/**
 * Root of every error secsh reports. It is a checked {@link IOException}: SSH runs over a socket,
 * and channel streams throw it through {@code InputStream}/{@code OutputStream} unchanged.
 *
 * <p>Each exception carries the RFC 4253 disconnect reason code that the connection sends (or
 * received) when the error ends it; {@code 0} means "no disconnect implied".
 */
public class SshException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int reasonCode;

    public SshException(String message) {
        this(0, message, null);
    }

    public SshException(String message, Throwable cause) {
        this(0, message, cause);
    }

    public SshException(int reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /** The SSH_MSG_DISCONNECT reason code (see {@link ssh.api.wire.DisconnectReason}), or 0. */
    public int reasonCode() {
        return reasonCode;
    }
}
