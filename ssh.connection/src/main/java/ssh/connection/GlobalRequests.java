package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * A connection's global requests (RFC 4254 section 4) both ways: this side's requests and the
 * replies to them, which come in the order the requests went out; the peer's requests, answered
 * by the {@link Connection.GlobalRequestHandler}; and the {@code keepalive@openssh.com} requests
 * of OpenSSH's ServerAliveInterval and ClientAliveInterval.
 */
final class GlobalRequests {
    private static final Logger LOG = System.getLogger(Connection.class.getName());
    private static final String KEEPALIVE = "keepalive@openssh.com";

    private final Connection connection;
    private final Connection.GlobalRequestHandler handler;
    private final Queue<CompletableFuture<byte[]>> replies = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Thread keepalive;

    GlobalRequests(Connection connection, Connection.GlobalRequestHandler handler) {
        this.connection = connection;
        this.handler = handler;
    }

    /** Sends a global request with want-reply; the reply's data on success, empty on failure. */
    Optional<byte[]> request(String name, byte[] data, Duration timeout) throws SshException {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        lock.lock();
        try {
            replies.add(reply);
            connection.send(new WireWriter(data.length + 64).writeByte(MessageNumbers.GLOBAL_REQUEST).writeUtf8(name)
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
    void requestNoReply(String name, byte[] data) throws SshException {
        connection.send(new WireWriter(data.length + 64).writeByte(MessageNumbers.GLOBAL_REQUEST).writeUtf8(name)
                .writeBoolean(false).writeBytes(data));
    }

    /** The peer's GLOBAL_REQUEST: asks the handler, and answers if the peer wants a reply. */
    void onRequest(WireReader r) throws SshException {
        String name = r.readUtf8("request name", Connection.MAX_NAME);
        boolean wantReply = r.readBoolean("want reply");
        byte[] reply = handler.handle(name, r);
        if (wantReply) {
            connection.send(reply == null ? new WireWriter(1).writeByte(MessageNumbers.REQUEST_FAILURE)
                    : new WireWriter(reply.length + 1).writeByte(MessageNumbers.REQUEST_SUCCESS).writeBytes(reply));
        }
    }

    /** REQUEST_SUCCESS or REQUEST_FAILURE ({@code msg}): completes the oldest request waiting. */
    void onReply(int msg, WireReader r) throws SshException {
        CompletableFuture<byte[]> f;
        lock.lock();
        try {
            f = replies.poll();
        } finally {
            lock.unlock();
        }
        if (f == null) {
            throw new SshProtocolException("global request reply without a request");
        }
        f.complete(msg == MessageNumbers.REQUEST_SUCCESS ? r.readBytes(r.remaining(), "reply data") : null);
    }

    /** The connection ended: every request waiting for a reply fails with {@code cause}. */
    void failAll(SshException cause) {
        lock.lock();
        try {
            CompletableFuture<byte[]> f;
            while ((f = replies.poll()) != null) {
                f.completeExceptionally(cause);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A {@code keepalive@openssh.com} request every {@code interval}; after {@code countMax} in a
     * row go unanswered the connection is closed. The thread ends with the connection.
     */
    void keepalive(Duration interval, int countMax) {
        keepalive = Thread.ofVirtual().name("secsh-keepalive").start(() -> {
            int missed = 0;
            while (connection.isOpen()) {
                try {
                    Thread.sleep(interval);
                    request(KEEPALIVE, new byte[0], interval);
                    missed = 0;
                } catch (InterruptedException e) {
                    return;
                } catch (SshException e) {
                    if (++missed >= countMax) {
                        LOG.log(Level.INFO, "Timeout, peer not responding to keepalives.");
                        connection.close();
                        return;
                    }
                }
            }
        });
    }

    /** Ends the keepalive thread, if any and unless it is the caller. */
    void stopKeepalive() {
        Thread k = keepalive;
        if (k != null && k != Thread.currentThread()) {
            k.interrupt();
        }
    }
}
