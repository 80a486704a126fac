package ssh.kex;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.spi.KexTransport;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** One end of an in-memory key-exchange channel: what one end sends, the other end receives. */
final class MemoryTransport implements KexTransport {
    private final BlockingQueue<byte[]> inbox;
    private final BlockingQueue<byte[]> outbox;
    private final java.util.List<byte[]> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private MemoryTransport(BlockingQueue<byte[]> inbox, BlockingQueue<byte[]> outbox) {
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** Two connected ends: [client, server]. */
    static MemoryTransport[] pair() {
        BlockingQueue<byte[]> toServer = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
        return new MemoryTransport[] {new MemoryTransport(toClient, toServer), new MemoryTransport(toServer, toClient)};
    }

    @Override
    public WireWriter newMessage() {
        return new WireWriter();
    }

    @Override
    public void send(WireWriter message) {
        byte[] m = message.toByteArray();
        sent.add(m);
        outbox.add(m);
    }

    /** Every message this end sent, in order. */
    java.util.List<byte[]> sent() {
        return java.util.List.copyOf(sent);
    }

    /** Sends raw payload bytes, as a hostile peer would. */
    void sendRaw(byte[] payload) {
        outbox.add(payload.clone());
    }

    @Override
    public WireReader receive(int expected) throws SshException {
        byte[] msg;
        try {
            msg = inbox.poll(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(DisconnectReason.CONNECTION_LOST, "interrupted", e);
        }
        if (msg == null) {
            throw new SshException(DisconnectReason.CONNECTION_LOST, "peer sent nothing for 60 s", null);
        }
        if (msg.length == 0) {
            throw new SshProtocolException("empty message");
        }
        if ((msg[0] & 0xFF) != expected) {
            throw new SshUnexpectedMessageException("message " + expected, msg[0] & 0xFF);
        }
        return new WireReader(msg, 1, msg.length - 1);
    }
}
