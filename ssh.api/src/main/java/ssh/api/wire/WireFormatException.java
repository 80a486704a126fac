package ssh.api.wire;

import ssh.api.SshProtocolException;

/**
 * Bytes do not decode as the SSH wire format says they must: a length past the end of the data or
 * over its limit, a malformed name-list, invalid UTF-8, a non-minimal mpint. The message names
 * the field being read and the limit it broke.
 */
public final class WireFormatException extends SshProtocolException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public WireFormatException(String field, String problem) {
        super(DisconnectReason.PROTOCOL_ERROR, "bad " + field + ": " + problem);
        this.field = field;
    }

    /** The name of the field whose bytes were bad. */
    public String field() {
        return field;
    }
}
