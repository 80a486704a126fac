package ssh.api;

import ssh.api.wire.DisconnectReason;

/** A packet's MAC or AEAD tag did not verify: the stream is corrupt or under attack. */
public final class SshMacException extends SshProtocolException {
    private static final long serialVersionUID = 1L;

    public SshMacException(String message) {
        super(DisconnectReason.MAC_ERROR, message);
    }
}
