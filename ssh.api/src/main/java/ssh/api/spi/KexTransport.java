package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** The packet channel a {@link KeyExchange} talks through while the transport runs it. */
public interface KexTransport {
    /** A writer to build the next message in; its content is replaced on each call. */
    WireWriter newMessage();

    /** Sends the message built in the writer from {@link #newMessage()}. */
    void send(WireWriter message) throws SshException;

    /**
     * The next key-exchange message, positioned after its message number, which must be
     * {@code expected}; anything else is a protocol error.
     */
    WireReader receive(int expected) throws SshException;
}
