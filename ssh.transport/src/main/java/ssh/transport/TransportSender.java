package ssh.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.MessageNumbers;

/**
 * A transport's sending side (RFC 4253 sections 7 and 9): every packet goes out under one write
 * lock, in the caller's thread; while a key exchange runs (our KEXINIT is out) only key-exchange
 * messages pass and other writers wait; a rekey starts by bytes, packets or time as a write or a
 * read crosses the limit.
 */
final class TransportSender {
    /** How long a writer waits for a running key exchange before giving up. */
    private static final Duration KEX_WAIT = Duration.ofSeconds(120);

    private final Transport t;
    private final PacketWriter writer;
    final ReentrantLock writeLock = new ReentrantLock();
    private final Condition kexFinished = writeLock.newCondition();
    /** Guarded by writeLock: our KEXINIT of the running exchange, or null when none runs. */
    KexInit ourKexInit;
    /** Guarded by writeLock: the sequence number our KEXINIT went out with. */
    int ourKexInitSequence;
    private volatile long keysInstalledAt = System.nanoTime();
    private volatile int keyExchanges;

    TransportSender(Transport t, PacketWriter writer) {
        this.t = t;
        this.writer = writer;
    }

    /**
     * Sends one message whose payload is {@code head[headOff, headOff+headLen)} followed by
     * {@code body[off, off+len)}; waits while a key exchange runs.
     */
    void send(byte[] head, int headOff, int headLen, byte[] body, int off, int len) throws SshException {
        t.checkOpen();
        writeLock.lock();
        try {
            long waitNanos = KEX_WAIT.toNanos();
            while (ourKexInit != null && !t.closed) {
                if (waitNanos <= 0) {
                    throw new SshTimeoutException("a key exchange has been running for over " + KEX_WAIT);
                }
                waitNanos = kexFinished.awaitNanos(waitNanos);
            }
            t.checkOpen();
            writer.write(head, headOff, headLen, body, off, len);
            if ((head[headOff] & 0xff) == MessageNumbers.USERAUTH_SUCCESS && t.role == Role.SERVER) {
                t.authenticated = true;
                writer.authenticated();
                t.reader.authenticated();
            }
            if (needsRekey()) {
                sendKexInitLocked();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while sending", e);
        } catch (IOException e) {
            throw Transport.asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends our KEXINIT unless one is out already; non-kex writers wait from now on. */
    void startKex() throws SshException {
        writeLock.lock();
        try {
            t.checkOpen();
            sendKexInitLocked();
        } catch (IOException e) {
            throw Transport.asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends our first KEXINIT, unless the reader thread already answered the peer's with it. */
    void startFirstKex() throws SshException {
        writeLock.lock();
        try {
            if (!t.firstKexDone && ourKexInit == null && keyExchanges == 0) {
                sendKexInitLocked();
            }
        } catch (IOException e) {
            throw Transport.asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    private void sendKexInitLocked() throws IOException {
        if (ourKexInit == null) {
            ourKexInit = t.algorithms.kexInit(t.role, !t.firstKexDone, t.firstKexDone ? List.of()
                    : t.algorithms.knownKeyTypes(t.host, t.port));
            ourKexInitSequence = writer.sequence();
            writer.write(ourKexInit.payload(), 0, ourKexInit.payload().length);
        }
    }

    /** Writes a key-exchange message, which may pass while other writers wait. */
    void sendKexMessage(byte[] payload, int off, int len) throws SshException {
        writeLock.lock();
        try {
            writer.write(payload, off, len);
        } catch (IOException e) {
            throw Transport.asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Ends the running key exchange: writers may proceed. */
    void kexDone() {
        writeLock.lock();
        try {
            ourKexInit = null;
            keysInstalledAt = System.nanoTime();
            keyExchanges++;
            kexFinished.signalAll();
        } finally {
            writeLock.unlock();
        }
    }

    int keyExchanges() {
        return keyExchanges;
    }

    private boolean needsRekey() {
        if (ourKexInit != null || !t.firstKexDone) {
            return false;
        }
        long limit = t.algorithms.rekeyBytes;
        Duration every = t.config.rekeyInterval();
        return writer.bytesSinceKeys() > limit || t.reader.bytesSinceKeys() > limit
                || writer.packetsSinceKeys() > (1L << 31) || t.reader.packetsSinceKeys() > (1L << 31)
                || !every.isZero() && System.nanoTime() - keysInstalledAt > every.toNanos();
    }

    /** Called by the reader thread after each packet: starts a rekey once a limit is crossed. */
    void maybeRekey() throws SshException {
        if (needsRekey()) {
            startKex();
        }
    }

    /** Best effort, bounded: the DISCONNECT goes out unless another writer holds the lock for a second. */
    void sendDisconnect(int reason, String description) {
        try {
            if (writeLock.tryLock(1, TimeUnit.SECONDS)) {
                try {
                    byte[] message = Disconnects.encode(reason, description);
                    writer.write(message, 0, message.length);
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: the peer may be gone already.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On close: wakes every waiting writer and wipes the keys, unless a writer is stuck in a write. */
    void close() {
        if (writeLock.tryLock()) {
            try {
                kexFinished.signalAll();
                writer.close();
            } finally {
                writeLock.unlock();
            }
        }
    }
}
