package ssh.transport;

import ssh.api.wire.WireReader;

/**
 * A message the transport hands up to the layers above: its payload (message number first) and
 * the sequence number of the packet that carried it (for SSH_MSG_UNIMPLEMENTED).
 */
public record Payload(byte[] data, int sequenceNumber) {
    /** The message number, the payload's first byte. */
    public int messageNumber() {
        return data[0] & 0xff;
    }

    /** A reader positioned after the message number. */
    public WireReader reader() {
        return new WireReader(data, 1, data.length - 1);
    }

    @Override
    public String toString() {
        return ssh.api.wire.MessageNumbers.name(messageNumber()) + "[" + data.length + " bytes]";
    }
}
