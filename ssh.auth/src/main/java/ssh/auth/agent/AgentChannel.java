package ssh.auth.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import ssh.api.SshTimeoutException;

/**
 * The framed byte stream to an agent: a non-blocking Unix-domain socket channel driven through a
 * selector, so every connect, write and read ends by a deadline. Frames are a uint32 length, then
 * that many bytes (the message type and body). Not thread-safe; {@link AgentClient} locks around it.
 */
final class AgentChannel implements AutoCloseable {
    /** The largest reply accepted, checked before the reply's buffer is allocated. */
    static final int MAX_MESSAGE = 256 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutNanos;

    private AgentChannel(SocketChannel channel, Selector selector, Duration timeout) {
        this.channel = channel;
        this.selector = selector;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Connects to the agent socket at {@code socket}, giving up after {@code timeout}. */
    static AgentChannel open(Path socket, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector sel = null;
        try {
            ch.configureBlocking(false);
            sel = Selector.open();
            AgentChannel agent = new AgentChannel(ch, sel, timeout);
            long deadline = System.nanoTime() + agent.timeoutNanos;
            if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                while (!ch.finishConnect()) {
                    agent.await(SelectionKey.OP_CONNECT, deadline, "connecting to the agent");
                }
            }
            return agent;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (sel != null) {
                sel.close();
            }
            throw e;
        }
    }

    /** Writes one frame holding {@code payload}, which already starts with the message type. */
    void send(byte[] payload) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        ByteBuffer buf = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).flip();
        try {
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "writing to the agent");
                }
            }
        } finally {
            buf.clear();
            buf.put(new byte[buf.capacity()]);
        }
    }

    /** Reads one frame; returns its bytes (the message type and body). */
    byte[] receive() throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        ByteBuffer header = ByteBuffer.allocate(4);
        fill(header, deadline);
        long length = Integer.toUnsignedLong(header.flip().getInt());
        if (length == 0) {
            throw new AgentException("agent sent an empty message");
        }
        if (length > MAX_MESSAGE) {
            throw new AgentException("agent reply of " + length + " bytes exceeds the " + MAX_MESSAGE + "-byte limit");
        }
        ByteBuffer body = ByteBuffer.allocate((int) length);
        fill(body, deadline);
        return body.array();
    }

    private void fill(ByteBuffer buf, long deadline) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) {
                throw new AgentException("agent closed the connection");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline, "waiting for the agent's reply");
            }
        }
    }

    private void await(int op, long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SshTimeoutException("timed out " + what);
        }
        SelectionKey key = channel.register(selector, op);
        try {
            long millis = Math.max(1, Duration.ofNanos(left).toMillis());
            selector.select(millis);
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
