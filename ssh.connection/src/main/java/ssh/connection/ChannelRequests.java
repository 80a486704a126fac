package ssh.connection;

import java.time.Duration;
import java.util.ArrayDeque;
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
import ssh.api.wire.WireWriter;

/**
 * The requests this side sends on a channel (RFC 4254 section 5.4) and the replies it waits for:
 * the peer answers requests that want a reply in the order they were sent, with CHANNEL_SUCCESS or
 * CHANNEL_FAILURE. Locks are the channel's (send order first, then its state lock).
 */
final class ChannelRequests {
    private final Channel channel;
    private final ReentrantLock lock;
    private final ReentrantLock sendOrder;
    /** Guarded by lock: one future per request sent with want-reply, oldest first. */
    private final Queue<CompletableFuture<Boolean>> pending = new ArrayDeque<>();

    ChannelRequests(Channel channel, ReentrantLock lock, ReentrantLock sendOrder) {
        this.channel = channel;
        this.lock = lock;
        this.sendOrder = sendOrder;
    }

    /** Sends a request; with {@code wantReply}, waits up to {@code timeout} for the answer. */
    boolean send(String requestType, boolean wantReply, byte[] typeData, Duration timeout) throws SshException {
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        sendOrder.lock();
        try {
            lock.lock();
            try {
                channel.checkRequestable();
                if (wantReply) {
                    pending.add(reply);
                }
            } finally {
                lock.unlock();
            }
            channel.connection.send(new WireWriter(typeData.length + requestType.length() + 16)
                    .writeByte(MessageNumbers.CHANNEL_REQUEST).writeUint32(channel.remoteId).writeUtf8(requestType)
                    .writeBoolean(wantReply).writeBytes(typeData));
        } finally {
            sendOrder.unlock();
        }
        if (!wantReply) {
            return true;
        }
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SshTimeoutException("no reply to channel request " + requestType + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SshException s ? s : new SshException("channel request failed", e);
        }
    }

    /** The peer's CHANNEL_SUCCESS or CHANNEL_FAILURE: answers the oldest request waiting. */
    void onReply(boolean success) throws SshException {
        CompletableFuture<Boolean> f;
        lock.lock();
        try {
            f = pending.poll();
        } finally {
            lock.unlock();
        }
        if (f == null) {
            throw new SshProtocolException("channel " + channel.localId + ": reply to a request never sent");
        }
        f.complete(success);
    }

    /** No reply will come: every request waiting fails with {@code cause}. */
    void failAll(SshException cause) {
        lock.lock();
        try {
            CompletableFuture<Boolean> f;
            while ((f = pending.poll()) != null) {
                f.completeExceptionally(cause);
            }
        } finally {
            lock.unlock();
        }
    }
}
