package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.ChannelOpenFailure;
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
    private static final int MAX_NAME = 256;

    final Transport transport;
    final ChannelLimits limits;
    private final ChannelOpener opener;
    private final GlobalRequestHandler globalRequests;
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> opening = new ConcurrentHashMap<>();
    /** The peer's opens accepted but neither confirmed nor refused yet (see {@link DeferredOpen}). */
    private final Set<Integer> deferred = ConcurrentHashMap.newKeySet();
    private final Queue<CompletableFuture<byte[]>> globalReplies = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final BitSet ids = new BitSet();
    private final CompletableFuture<SshException> ended = new CompletableFuture<>();
    private final Thread dispatcher;
    private volatile Thread keepalive;

    private Connection(Transport transport, ChannelLimits limits, ChannelOpener opener,
            GlobalRequestHandler globalRequests) {
        this.transport = transport;
        this.limits = limits;
        this.opener = opener;
        this.globalRequests = globalRequests;
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

    public Transport transport() {
        return transport;
    }

    /** Opens a channel of {@code type} and waits for the peer to confirm it. */
    public <C extends Channel> C open(String type, byte[] typeData, ChannelFactory<C> factory, Duration timeout)
            throws SshException {
        int id = allocate();
        C channel = factory.create(this, id, type);
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        channels.put(id, channel);
        opening.put(id, confirmed);
        send(new WireWriter(typeData.length + 64).writeByte(MessageNumbers.CHANNEL_OPEN).writeUtf8(type)
                .writeUint32(id).writeUint32(limits.windowSize()).writeUint32(limits.maxPacket()).writeBytes(typeData));
        try {
            confirmed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return channel;
        } catch (TimeoutException e) {
            throw new SshTimeoutException("no answer to CHANNEL_OPEN " + type + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while opening a channel", e);
        } catch (ExecutionException e) {
            channels.remove(id);
            free(id);
            throw e.getCause() instanceof SshException s ? s : new SshException("channel open failed", e);
        } finally {
            opening.remove(id);
        }
    }

    /** Sends a global request with want-reply; the reply's data on success, empty on failure. */
    public Optional<byte[]> globalRequest(String name, byte[] data, Duration timeout) throws SshException {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        lock.lock();
        try {
            globalReplies.add(reply);
            send(new WireWriter(data.length + 64).writeByte(MessageNumbers.GLOBAL_REQUEST).writeUtf8(name)
                    .writeBoolean(true).writeBytes(data));
        } finally {
            lock.unlock();
        }
        try {
            return Optional.ofNullable(reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw new SshTimeoutException("no reply to global request " + name + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SshException s ? s : new SshException("global request failed", e);
        }
    }

    /** Sends a global request that wants no reply. */
    public void globalRequestNoReply(String name, byte[] data) throws SshException {
        send(new WireWriter(data.length + 64).writeByte(MessageNumbers.GLOBAL_REQUEST).writeUtf8(name)
                .writeBoolean(false).writeBytes(data));
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
                    if (!channels.isEmpty() || !opening.isEmpty()) {
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

    void send(WireWriter message) throws SshException {
        transport.send(message.array(), 0, message.length());
    }

    /** Sends {@code head[0, headLen)} followed by {@code body[off, off+len)} as one message, copying nothing here. */
    void send(byte[] head, int headLen, byte[] body, int off, int len) throws SshException {
        transport.send(head, 0, headLen, body, off, len);
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

    private int allocate() throws SshException {
        lock.lock();
        try {
            int id = ids.nextClearBit(0);
            if (id >= limits.maxChannels()) {
                throw new SshChannelOpenException(ChannelOpenFailure.RESOURCE_SHORTAGE,
                        "already " + limits.maxChannels() + " channels open");
            }
            ids.set(id);
            return id;
        } finally {
            lock.unlock();
        }
    }

    private void free(int id) {
        lock.lock();
        try {
            ids.clear(id);
        } finally {
            lock.unlock();
        }
    }

    /** Both sides have closed {@code channel}: its number may be used again. */
    void release(Channel channel) {
        if (channels.remove(channel.localId, channel)) {
            free(channel.localId);
        }
    }

    /** The channels open now. */
    public List<Channel> channels() {
        return List.copyOf(channels.values());
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
            endAll(why != null ? why : new SshException("connection closed"));
            ended.complete(why);
            Thread k = keepalive;
            if (k != null) {
                k.interrupt();
            }
        }
    }

    private void endAll(SshException cause) {
        for (Channel c : channels.values()) {
            c.onFailure(cause);
        }
        opening.values().forEach(f -> f.completeExceptionally(cause));
        lock.lock();
        try {
            CompletableFuture<byte[]> f;
            while ((f = globalReplies.poll()) != null) {
                f.completeExceptionally(cause);
            }
        } finally {
            lock.unlock();
        }
    }

    private void handle(int msg, WireReader r) throws SshException {
        switch (msg) {
            case MessageNumbers.GLOBAL_REQUEST -> {
                String name = r.readUtf8("request name", MAX_NAME);
                boolean wantReply = r.readBoolean("want reply");
                byte[] reply = globalRequests.handle(name, r);
                if (wantReply) {
                    send(reply == null ? new WireWriter(1).writeByte(MessageNumbers.REQUEST_FAILURE)
                            : new WireWriter(reply.length + 1).writeByte(MessageNumbers.REQUEST_SUCCESS).writeBytes(reply));
                }
            }
            case MessageNumbers.REQUEST_SUCCESS, MessageNumbers.REQUEST_FAILURE -> {
                CompletableFuture<byte[]> f;
                lock.lock();
                try {
                    f = globalReplies.poll();
                } finally {
                    lock.unlock();
                }
                if (f == null) {
                    throw new SshProtocolException("global request reply without a request");
                }
                f.complete(msg == MessageNumbers.REQUEST_SUCCESS ? r.readBytes(r.remaining(), "reply data") : null);
            }
            case MessageNumbers.CHANNEL_OPEN -> onOpen(r);
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION -> {
                int id = r.readUint32("recipient channel");
                int sender = r.readUint32("sender channel");
                long window = r.readUint32AsLong("initial window");
                int maxPacket = (int) Math.min(Integer.MAX_VALUE, r.readUint32AsLong("maximum packet"));
                // Removed here once the message is known to be whole, not by the opener's thread: the
                // peer's first data may come right behind, and a second answer finds nothing to complete.
                CompletableFuture<Void> f = opening.remove(id);
                Channel c = channels.get(id);
                if (f == null || c == null) {
                    throw new SshProtocolException("CHANNEL_OPEN_CONFIRMATION for channel " + id + ", which is not opening");
                }
                c.opened(sender, window, maxPacket);
                f.complete(null);
            }
            case MessageNumbers.CHANNEL_OPEN_FAILURE -> {
                int id = r.readUint32("recipient channel");
                int code = r.readUint32("reason code");
                String description = r.readUtf8("description", 4096);
                CompletableFuture<Void> f = opening.remove(id);
                if (f == null) {
                    throw new SshProtocolException("CHANNEL_OPEN_FAILURE for channel " + id + ", which is not opening");
                }
                f.completeExceptionally(new SshChannelOpenException(code, description));
            }
            default -> onChannelMessage(msg, r);
        }
    }

    private void onOpen(WireReader r) throws SshException {
        String type = r.readUtf8("channel type", MAX_NAME);
        int sender = r.readUint32("sender channel");
        long window = r.readUint32AsLong("initial window");
        int maxPacket = (int) Math.min(Integer.MAX_VALUE, r.readUint32AsLong("maximum packet"));
        int id = -1;
        try {
            id = allocate();
            Channel c = opener.accept(this, id, type, r);
            c.opened(sender, window, maxPacket);
            if (c instanceof DeferredOpen d) {
                deferred.add(id);
                channels.put(id, c);
                d.decide();
                return;
            }
            channels.put(id, c);
            sendConfirmation(c);
        } catch (SshChannelOpenException e) {
            if (id >= 0 && !channels.containsKey(id)) {
                free(id);
            }
            LOG.log(Level.DEBUG, "refused channel open {0}: {1}", type, e.getMessage());
            send(new WireWriter(64).writeByte(MessageNumbers.CHANNEL_OPEN_FAILURE).writeUint32(sender)
                    .writeUint32(e.failureCode()).writeUtf8(e.getMessage()).writeUtf8(""));
        }
    }

    private void sendConfirmation(Channel c) throws SshException {
        send(new WireWriter(17).writeByte(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).writeUint32(c.remoteId)
                .writeUint32(c.localId).writeUint32(limits.windowSize()).writeUint32(limits.maxPacket()));
        c.started();
    }

    /** Confirms the peer's open of {@code c}, which its {@link DeferredOpen} had left pending. */
    void confirmOpen(Channel c) throws SshException {
        if (deferred.remove(c.localId)) {
            sendConfirmation(c);
        }
    }

    /** Refuses the peer's open of {@code c}, which its {@link DeferredOpen} had left pending. */
    void refuseOpen(Channel c, int failureCode, String description) throws SshException {
        if (!deferred.remove(c.localId)) {
            return;
        }
        release(c);
        LOG.log(Level.DEBUG, "refused channel open {0}: {1}", c.type(), description);
        send(new WireWriter(64).writeByte(MessageNumbers.CHANNEL_OPEN_FAILURE).writeUint32(c.remoteId)
                .writeUint32(failureCode).writeUtf8(description).writeUtf8(""));
    }

    private void onChannelMessage(int msg, WireReader r) throws SshException {
        if (msg < MessageNumbers.CHANNEL_WINDOW_ADJUST || msg > MessageNumbers.CHANNEL_FAILURE) {
            throw new SshUnexpectedMessageException("a connection-protocol message", msg);
        }
        int id = r.readUint32("recipient channel");
        Channel c = channels.get(id);
        if (c == null || opening.containsKey(id) || deferred.contains(id)) {
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

    /**
     * OpenSSH's ServerAliveInterval (client) and ClientAliveInterval (server): a
     * {@code keepalive@openssh.com} request every {@code interval}; after {@code countMax} in a row
     * go unanswered the connection is closed. The thread ends with the connection.
     */
    void keepalive(Duration interval, int countMax) {
        keepalive = Thread.ofVirtual().name("secsh-keepalive").start(() -> {
            int missed = 0;
            while (isOpen()) {
                try {
                    Thread.sleep(interval);
                    globalRequest("keepalive@openssh.com", new byte[0], interval);
                    missed = 0;
                } catch (InterruptedException e) {
                    return;
                } catch (SshException e) {
                    if (++missed >= countMax) {
                        LOG.log(Level.INFO, "Timeout, peer not responding to keepalives.");
                        close();
                        return;
                    }
                }
            }
        });
    }

    /** Closes the transport; every channel's readers and writers fail, and the dispatcher ends. */
    @Override
    public void close() {
        transport.close();
        Thread k = keepalive;
        if (k != null && k != Thread.currentThread()) {
            k.interrupt();
        }
        try {
            dispatcher.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
