package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
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
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * A connection's channel numbers and the opening of channels (RFC 4254 section 5.1): this side's
 * CHANNEL_OPEN and the peer's answer to it, the peer's CHANNEL_OPEN handed to the
 * {@link Connection.ChannelOpener}, and the opens a {@link DeferredOpen} leaves pending. A channel
 * counts as established once confirmed both ways; only then may channel messages name it.
 */
final class ChannelOpens {
    private static final Logger LOG = System.getLogger(Connection.class.getName());

    private final Connection connection;
    private final ChannelLimits limits;
    private final Connection.ChannelOpener opener;
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> opening = new ConcurrentHashMap<>();
    /** The peer's opens accepted but neither confirmed nor refused yet (see {@link DeferredOpen}). */
    private final Set<Integer> deferred = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final BitSet ids = new BitSet();

    ChannelOpens(Connection connection, ChannelLimits limits, Connection.ChannelOpener opener) {
        this.connection = connection;
        this.limits = limits;
        this.opener = opener;
    }

    /** Opens a channel of {@code type} and waits for the peer to confirm it. */
    <C extends Channel> C open(String type, byte[] typeData, Connection.ChannelFactory<C> factory, Duration timeout)
            throws SshException {
        int id = allocate();
        C channel = factory.create(connection, id, type);
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        channels.put(id, channel);
        opening.put(id, confirmed);
        connection.send(new WireWriter(typeData.length + 64).writeByte(MessageNumbers.CHANNEL_OPEN).writeUtf8(type)
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
    List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    /** True while no channel is open or opening (for UnusedConnectionTimeout). */
    boolean isEmpty() {
        return channels.isEmpty() && opening.isEmpty();
    }

    /** The channel {@code id} if it is established, else null: no channel, or its open still unanswered. */
    Channel established(int id) {
        Channel c = channels.get(id);
        return c == null || opening.containsKey(id) || deferred.contains(id) ? null : c;
    }

    /** The connection ended: every channel and every open waiting for an answer fails with {@code cause}. */
    void failAll(SshException cause) {
        for (Channel c : channels.values()) {
            c.onFailure(cause);
        }
        opening.values().forEach(f -> f.completeExceptionally(cause));
    }

    /** The peer's CHANNEL_OPEN: asks the opener, then confirms, refuses, or leaves it to a {@link DeferredOpen}. */
    void onOpen(WireReader r) throws SshException {
        String type = r.readUtf8("channel type", Connection.MAX_NAME);
        int sender = r.readUint32("sender channel");
        long window = r.readUint32AsLong("initial window");
        int maxPacket = (int) Math.min(Integer.MAX_VALUE, r.readUint32AsLong("maximum packet"));
        int id = -1;
        try {
            id = allocate();
            Channel c = opener.accept(connection, id, type, r);
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
            connection.send(new WireWriter(64).writeByte(MessageNumbers.CHANNEL_OPEN_FAILURE).writeUint32(sender)
                    .writeUint32(e.failureCode()).writeUtf8(e.getMessage()).writeUtf8(""));
        }
    }

    /** The peer's CHANNEL_OPEN_CONFIRMATION of a channel this side opens. */
    void onConfirmation(WireReader r) throws SshException {
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

    /** The peer's CHANNEL_OPEN_FAILURE for a channel this side opens. */
    void onFailure(WireReader r) throws SshException {
        int id = r.readUint32("recipient channel");
        int code = r.readUint32("reason code");
        String description = r.readUtf8("description", 4096);
        CompletableFuture<Void> f = opening.remove(id);
        if (f == null) {
            throw new SshProtocolException("CHANNEL_OPEN_FAILURE for channel " + id + ", which is not opening");
        }
        f.completeExceptionally(new SshChannelOpenException(code, description));
    }

    private void sendConfirmation(Channel c) throws SshException {
        connection.send(new WireWriter(17).writeByte(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).writeUint32(c.remoteId)
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
        connection.send(new WireWriter(64).writeByte(MessageNumbers.CHANNEL_OPEN_FAILURE).writeUint32(c.remoteId)
                .writeUint32(failureCode).writeUtf8(description).writeUtf8(""));
    }
}
