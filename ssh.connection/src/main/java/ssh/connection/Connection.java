package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;

/**
 * The connection protocol (RFC 4254) over an authenticated transport: one dispatcher (a virtual
 * thread) reads every message and hands channel messages to their channel, channel opens to the
 * {@link ChannelOpener}, and global requests to the {@link GlobalRequestHandler}. Writers send from
 * their own threads.
 */
public final class Connection implements AutoCloseable {
    /** Decides on the peer's CHANNEL_OPEN: returns the new channel or throws {@link SshChannelOpenException}. */
    @FunctionalInterface
    public interface ChannelOpener {
        Channel accept(Connection connection, int localId, String type, WireReader typeData) throws SshException;
    }

    /** Answers the peer's GLOBAL_REQUEST: reply data on success (possibly empty), null to refuse. */
    @FunctionalInterface
    public interface GlobalRequestHandler {
        byte[] handle(String name, WireReader data) throws SshException;
    }

    /** Makes a channel object for a channel this side opens. */
    @FunctionalInterface
    public interface ChannelFactory<C extends Channel> {
        C create(Connection connection, int localId, String type);
    }

    private static final Logger LOG = System.getLogger(Connection.class.getName());
    /** The longest channel type, request type or global request name accepted. */
    static final int MAX_NAME = 256;

    final Transport transport;
    final ChannelLimits limits;
    private final ChannelOpens opens;
    private final GlobalRequests globals;
    private final CompletableFuture<SshException> ended = new CompletableFuture<>();
    private final Thread dispatcher;

    private Connection(Transport transport, ChannelLimits limits, ChannelOpener opener,
            GlobalRequestHandler globalRequests) {
        this.transport = transport;
        this.limits = limits;
        this.opens = new ChannelOpens(this, limits, opener);
        this.globals = new GlobalRequests(this, globalRequests);
        this.dispatcher = Thread.ofVirtual().name("secsh-connection").unstarted(this::dispatch);
    }

    /** Starts the connection protocol on an authenticated {@code transport}. */
    public static Connection start(Transport transport, ChannelLimits limits, ChannelOpener opener,
            GlobalRequestHandler globalRequests) {
        Connection c = new Connection(transport, limits, opener, globalRequests);
        transport.receiveInline(c::inline);
        c.dispatcher.start();
        return c;
    }

    /** Runs {@code action} on the dispatcher once the connection has ended (at once if it has). */
    void onEnd(Runnable action) {
        ended.whenComplete((why, e) -> action.run());
    }

    public Transport transport() {
        return transport;
    }

    /** Opens a channel of {@code type} and waits for the peer to confirm it. */
    public <C extends Channel> C open(String type, byte[] typeData, ChannelFactory<C> factory, Duration timeout)
            throws SshException {
        return opens.open(type, typeData, factory, timeout);
    }

    /** Sends a global request with want-reply; the reply's data on success, empty on failure. */
    public Optional<byte[]> globalRequest(String name, byte[] data, Duration timeout) throws SshException {
        return globals.request(name, data, timeout);
    }

    /** Sends a global request that wants no reply. */
    public void globalRequestNoReply(String name, byte[] data) throws SshException {
        globals.requestNoReply(name, data);
    }

    /**
     * OpenSSH's UnusedConnectionTimeout: closes the connection once it has had no open channel for
     * {@code timeout}. The watching thread ends with the connection.
     */
    void closeWhenUnused(Duration timeout) {
        Thread.ofVirtual().name("secsh-unused-timeout").start(() -> {
            long idleSince = System.nanoTime();
            long step = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
            while (isOpen()) {
                try {
                    ended.get(step, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillOpen) {
                    if (!opens.isEmpty()) {
                        idleSince = System.nanoTime();
                    } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
                        LOG.log(Level.DEBUG, "closing a connection unused for {0}", timeout);
                        close();
                        return;
                    }
                } catch (InterruptedException | ExecutionException e) {
                    return;
                }
            }
        });
    }

    /**
     * OpenSSH's ServerAliveInterval (client) and ClientAliveInterval (server): a
     * {@code keepalive@openssh.com} request every {@code interval}; after {@code countMax} in a row
     * go unanswered the connection is closed. The thread ends with the connection.
     */
    void keepalive(Duration interval, int countMax) {
        globals.keepalive(interval, countMax);
    }

    void send(WireWriter message) throws SshException {
        transport.send(message.array(), 0, message.length());
    }

    /** Sends {@code head[0, headLen)} followed by {@code body[off, off+len)} as one message, copying nothing here. */
    void send(byte[] head, int headLen, byte[] body, int off, int len) throws SshException {
        transport.send(head, 0, headLen, body, off, len);
    }

    /** Both sides have closed {@code channel}: its number may be used again. */
    void release(Channel channel) {
        opens.release(channel);
    }

    /** Confirms the peer's open of {@code c}, which its {@link DeferredOpen} had left pending. */
    void confirmOpen(Channel c) throws SshException {
        opens.confirmOpen(c);
    }

    /** Refuses the peer's open of {@code c}, which its {@link DeferredOpen} had left pending. */
    void refuseOpen(Channel c, int failureCode, String description) throws SshException {
        opens.refuseOpen(c, failureCode, description);
    }

    /** The channels open now. */
    public List<Channel> channels() {
        return opens.channels();
    }

    public boolean isOpen() {
        return !ended.isDone() && transport.isOpen();
    }

    /** Waits until the connection ends; returns why (null after a clean close). */
    public SshException awaitEnd(Duration timeout) throws SshException {
        try {
            return ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SshTimeoutException("connection still open after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } catch (ExecutionException e) {
            throw new SshException("connection failed", e.getCause());
        }
    }

    /**
     * On the transport's reader thread, once every earlier message is handled: channel data goes
     * from the packet buffer into the channel's buffer (one copy), WINDOW_ADJUST wakes writers. Both
     * never block nor send; everything else goes to the dispatcher.
     */
    private boolean inline(byte[] payload, int off, int len) throws SshException {
        int msg = payload[off] & 0xff;
        if (msg != MessageNumbers.CHANNEL_DATA && msg != MessageNumbers.CHANNEL_EXTENDED_DATA
                && msg != MessageNumbers.CHANNEL_WINDOW_ADJUST) {
            return false;
        }
        onChannelMessage(msg, new WireReader(payload, off + 1, len - 1));
        return true;
    }

    private void dispatch() {
        SshException why = null;
        try {
            while (transport.isOpen()) {
                Payload p;
                try {
                    p = transport.receive(Duration.ofMinutes(10));
                } catch (SshTimeoutException idle) {
                    continue;
                }
                int msg = p.messageNumber();
                if (msg == MessageNumbers.USERAUTH_REQUEST) {
                    continue;  // RFC 4252 section 5.1: requests after success are ignored
                }
                if (msg > MessageNumbers.CHANNEL_FAILURE
                        || msg > MessageNumbers.REQUEST_FAILURE && msg < MessageNumbers.CHANNEL_OPEN
                        || msg > MessageNumbers.USERAUTH_REQUEST && msg < MessageNumbers.GLOBAL_REQUEST) {
                    transport.sendUnimplemented(p);  // RFC 4253 section 11.4: unrecognized, not fatal
                    continue;
                }
                handle(msg, p.reader());
            }
            why = transport.failure();
        } catch (SshException e) {
            why = e;
            if (transport.isOpen()) {
                transport.disconnect(e.reasonCode() != 0 ? e.reasonCode() : DisconnectReason.PROTOCOL_ERROR,
                        e.getMessage());
            } else if (transport.failure() == null) {
                why = null;  // this side closed the transport: a clean end, as awaitEnd documents
            }
        } catch (RuntimeException e) {
            why = new SshException("connection dispatcher failed", e);
            transport.disconnect(DisconnectReason.BY_APPLICATION, "internal error");
            LOG.log(Level.ERROR, "connection dispatcher failed", e);
        } finally {
            SshException cause = why != null ? why : new SshException("connection closed");
            opens.failAll(cause);
            globals.failAll(cause);
            ended.complete(why);
            globals.stopKeepalive();
        }
    }

    private void handle(int msg, WireReader r) throws SshException {
        switch (msg) {
            case MessageNumbers.GLOBAL_REQUEST -> globals.onRequest(r);
            case MessageNumbers.REQUEST_SUCCESS, MessageNumbers.REQUEST_FAILURE -> globals.onReply(msg, r);
            case MessageNumbers.CHANNEL_OPEN -> opens.onOpen(r);
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION -> opens.onConfirmation(r);
            case MessageNumbers.CHANNEL_OPEN_FAILURE -> opens.onFailure(r);
            default -> onChannelMessage(msg, r);
        }
    }

    private void onChannelMessage(int msg, WireReader r) throws SshException {
        if (msg < MessageNumbers.CHANNEL_WINDOW_ADJUST || msg > MessageNumbers.CHANNEL_FAILURE) {
            throw new SshUnexpectedMessageException("a connection-protocol message", msg);
        }
        int id = r.readUint32("recipient channel");
        Channel c = opens.established(id);
        if (c == null) {
            throw new SshProtocolException(MessageNumbers.name(msg) + " for channel " + id + ", which is not open");
        }
        switch (msg) {
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> c.onWindowAdjust(r.readUint32AsLong("bytes to add"));
            case MessageNumbers.CHANNEL_DATA -> {
                ByteSlice data = r.readStringView("data");
                c.onData(-1, data.array(), data.offset(), data.length());
            }
            case MessageNumbers.CHANNEL_EXTENDED_DATA -> {
                int type = r.readUint32("data type code");
                ByteSlice data = r.readStringView("data");
                c.onData(type, data.array(), data.offset(), data.length());
            }
            case MessageNumbers.CHANNEL_EOF -> c.onEof();
            case MessageNumbers.CHANNEL_CLOSE -> c.onClose();
            case MessageNumbers.CHANNEL_REQUEST -> {
                String type = r.readUtf8("request type", MAX_NAME);
                boolean wantReply = r.readBoolean("want reply");
                boolean ok = c.onRequest(type, r);
                if (wantReply && c.isOpen()) {
                    send(new WireWriter(5).writeByte(ok ? MessageNumbers.CHANNEL_SUCCESS : MessageNumbers.CHANNEL_FAILURE)
                            .writeUint32(c.remoteId));
                }
                c.afterRequest();
            }
            default -> c.onReply(msg == MessageNumbers.CHANNEL_SUCCESS);
        }
    }

    /** Closes the transport; every channel's readers and writers fail, and the dispatcher ends. */
    @Override
    public void close() {
        transport.close();
        globals.stopKeepalive();
        if (dispatcher == Thread.currentThread()) {
            return;  // a handler on the dispatcher: it ends once this returns, on the closed transport
        }
        try {
            dispatcher.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
