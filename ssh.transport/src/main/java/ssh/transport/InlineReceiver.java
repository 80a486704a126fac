package ssh.transport;

import ssh.api.SshException;

/**
 * Takes messages on a transport's reader thread, straight from the decrypted packet buffer: the
 * one-copy path of channel data into a channel's buffer (ARCHITECTURE.md section 4). The transport
 * calls it only when every message before has been handled, so ordering is kept; it must not block
 * and must not send (a send may wait for a key exchange that this very thread runs).
 */
@FunctionalInterface
public interface InlineReceiver {
    /**
     * Handles the message {@code payload[off, off+len)} (its number first) now and returns true, or
     * returns false to have it queued for {@link Transport#receive}. The bytes are valid only during
     * the call. An exception ends the connection as any bad packet does.
     */
    boolean accept(byte[] payload, int off, int len) throws SshException;
}
