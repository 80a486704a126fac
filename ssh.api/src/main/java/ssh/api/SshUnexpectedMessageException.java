package ssh.api;

import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;

/** A message arrived that the protocol state does not allow: carries what was expected and what came. */
public final class SshUnexpectedMessageException extends SshProtocolException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final int received;

    public SshUnexpectedMessageException(String expected, int received) {
        super(DisconnectReason.PROTOCOL_ERROR,
                "expected " + expected + " but received " + MessageNumbers.name(received));
        this.expected = expected;
        this.received = received;
    }

    /** A description of the message(s) the state allowed. */
    public String expected() {
        return expected;
    }

    /** The message number that arrived. */
    public int received() {
        return received;
    }
}
