package ssh.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.Role;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.algorithms.ProviderChain;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;

/**
 * One SSH transport connection (RFC 4253), client or server: the version exchange and first key
 * exchange happen in {@link #client} / {@link #server}; afterwards messages for the layers above
 * are sent with {@link #send} and received with {@link #receive}. One reader thread (virtual)
 * decodes packets, answers transport messages and runs every key exchange; writers send from their
 * own threads under a lock, and wait while a key exchange runs. {@link #close()} leaves no thread.
 */
public final class Transport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final Payload CLOSED = new Payload(new byte[] {0}, 0);
    /** How long a writer waits for a running key exchange before giving up. */
    private static final Duration KEX_WAIT = Duration.ofSeconds(120);

    final TransportConfig config;
    final Role role;
    final String host;
    final int port;
    final AlgorithmSet algorithms;
    final PacketReader reader;
    final PacketWriter writer;
    private final Closeable connection;
    final String ourVersion;
    String peerVersion;

    final ReentrantLock writeLock = new ReentrantLock();
    private final Condition kexFinished = writeLock.newCondition();
    /** Guarded by writeLock: our KEXINIT of the running exchange, or null when none runs. */
    KexInit ourKexInit;
    /** Guarded by writeLock: the sequence number our KEXINIT went out with. */
    int ourKexInitSequence;
    volatile boolean firstKexDone;
    volatile byte[] sessionId;
    volatile NegotiatedAlgorithms negotiated;
    volatile SshPublicKey serverHostKey;
    volatile Map<String, String> extensions = Map.of();
    /** Set once user authentication succeeded: delayed compression starts. */
    volatile boolean authenticated;
    private volatile long keysInstalledAt = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicInteger keyExchanges = new java.util.concurrent.atomic.AtomicInteger();

    private final CompletableFuture<Void> firstKex = new CompletableFuture<>();
    final BlockingQueue<Payload> inbox = new LinkedBlockingQueue<>(4096);
    volatile CompletableFuture<Void> pendingPong;
    private volatile SshException failure;
    volatile boolean closed;
    private Thread readerThread;

    private Transport(TransportConfig config, String host, int port, InputStream in, OutputStream out,
            Closeable connection) throws SshException {
        this.config = config;
        this.role = config.role();
        this.host = host;
        this.port = port;
        this.connection = connection;
        this.algorithms = new AlgorithmSet(config);
        this.reader = new PacketReader(in, config.maxPacketSize());
        this.writer = new PacketWriter(out, algorithms.crypto.random());
        this.ourVersion = VersionExchange.ours(config.softwareVersion());
    }

    /** Connects as a client over {@code socket} to {@code host:port} (the names the host key is checked against). */
    public static Transport client(Socket socket, TransportConfig config, String host, int port, Duration timeout)
            throws SshException {
        return overSocket(socket, config, host, port, timeout);
    }

    /** Runs the server side over an accepted {@code socket}. */
    public static Transport server(Socket socket, TransportConfig config, Duration timeout) throws SshException {
        return overSocket(socket, config, socket.getInetAddress().getHostAddress(), socket.getPort(), timeout);
    }

    private static Transport overSocket(Socket socket, TransportConfig config, String host, int port, Duration timeout)
            throws SshException {
        try {
            socket.setTcpNoDelay(true);
            return start(config, host, port, socket.getInputStream(), socket.getOutputStream(), socket, timeout);
        } catch (IOException e) {
            closeQuietly(socket);
            throw asSsh(e);
        }
    }

    /** Runs either side over any pair of streams (an in-memory pipe, say); {@code connection} is closed with the transport. */
    public static Transport start(TransportConfig config, String host, int port, InputStream in, OutputStream out,
            Closeable connection, Duration timeout) throws SshException {
        Transport t = new Transport(config, host, port, in, out, connection);
        try {
            t.handshake(in, out, timeout);
            return t;
        } catch (SshException e) {
            t.close();
            throw e;
        }
    }

    private void handshake(InputStream in, OutputStream out, Duration timeout) throws SshException {
        try {
            VersionExchange.send(out, ourVersion);
            peerVersion = VersionExchange.receive(in, role == Role.CLIENT);
        } catch (SshException e) {
            if (e.reasonCode() != 0 && e.reasonCode() != DisconnectReason.CONNECTION_LOST) {
                sendDisconnect(e.reasonCode(), e.getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new SshException(DisconnectReason.CONNECTION_LOST, "version exchange failed: " + e.getMessage(), e);
        }
        LOG.log(Level.DEBUG, "Remote protocol version: {0}", peerVersion);
        readerThread = Thread.ofVirtual().name("secsh-transport-" + IDS.incrementAndGet()).start(new ReaderLoop(this));
        startFirstKex();
        try {
            firstKex.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SshTimeoutException("key exchange did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted during key exchange", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SshException s ? s : new SshException("key exchange failed", e.getCause());
        }
    }

    /** Sends one message (payload with its number first); waits while a key exchange runs. */
    public void send(byte[] payload, int off, int len) throws SshException {
        checkOpen();
        writeLock.lock();
        try {
            long waitNanos = KEX_WAIT.toNanos();
            while (ourKexInit != null && !closed) {
                if (waitNanos <= 0) {
                    throw new SshTimeoutException("a key exchange has been running for over " + KEX_WAIT);
                }
                waitNanos = kexFinished.awaitNanos(waitNanos);
            }
            checkOpen();
            writer.write(payload, off, len);
            if ((payload[off] & 0xff) == MessageNumbers.USERAUTH_SUCCESS && role == Role.SERVER) {
                authenticated = true;
                writer.authenticated();
                reader.authenticated();
            }
            if (needsRekey()) {
                sendKexInitLocked();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while sending", e);
        } catch (IOException e) {
            throw asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** The next message for the layers above, waiting at most {@code timeout}. */
    public Payload receive(Duration timeout) throws SshException {
        try {
            Payload p = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (p == CLOSED) {
                inbox.offer(CLOSED);
            }
            if (p == null || p == CLOSED) {
                checkOpen();
                throw new SshTimeoutException("no message within " + timeout);
            }
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while receiving", e);
        }
    }

    /** Client: asks for a service ({@code ssh-userauth}) and waits for SERVICE_ACCEPT. */
    public void requestService(String service, Duration timeout) throws SshException {
        WireWriter w = new WireWriter(64).writeByte(MessageNumbers.SERVICE_REQUEST).writeUtf8(service);
        send(w.array(), 0, w.length());
        Payload p = receive(timeout);
        if (p.messageNumber() != MessageNumbers.SERVICE_ACCEPT) {
            throw new SshUnexpectedMessageException("SERVICE_ACCEPT", p.messageNumber());
        }
        String accepted = p.reader().readUtf8("service name");
        if (!accepted.equals(service)) {
            throw new SshProtocolException("server accepted service " + accepted + " instead of " + service);
        }
    }

    /** Answers a message no layer implements with SSH_MSG_UNIMPLEMENTED (RFC 4253 section 11.4). */
    public void sendUnimplemented(Payload p) throws SshException {
        WireWriter w = new WireWriter(8).writeByte(MessageNumbers.UNIMPLEMENTED).writeUint32(p.sequenceNumber());
        send(w.array(), 0, w.length());
    }

    /** Starts a new key exchange now (either side may, at any time). */
    public void rekey() throws SshException {
        startKex();
    }

    /** Measures a round trip with {@code ping@openssh.com}, if the peer announced it. */
    public Duration ping(Duration timeout) throws SshException {
        if (!extensions.containsKey(ExtInfo.PING)) {
            throw new SshException("the peer did not announce " + ExtInfo.PING);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        pendingPong = f;
        long start = System.nanoTime();
        WireWriter w = new WireWriter(32).writeByte(MessageNumbers.PING).writeString(new byte[8]);
        send(w.array(), 0, w.length());
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (TimeoutException e) {
            throw new SshTimeoutException("no pong within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } catch (ExecutionException e) {
            throw asSsh(e.getCause());
        }
    }

    /** The configuration this transport runs with (its registry serves the layers above). */
    public TransportConfig config() {
        return config;
    }

    /** The provider chain this transport resolved from its configuration, for the layers above to share. */
    public ProviderChain crypto() {
        return algorithms.crypto;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public NegotiatedAlgorithms negotiated() {
        return negotiated;
    }

    /** The server's host key (on both sides). */
    public SshPublicKey serverHostKey() {
        return serverHostKey;
    }

    /** Extensions the peer announced in SSH_MSG_EXT_INFO (RFC 8308), e.g. {@code server-sig-algs}. */
    public Map<String, String> peerExtensions() {
        return extensions;
    }

    /** How many key exchanges have completed, the first included. */
    public int keyExchangeCount() {
        return keyExchanges.get();
    }

    /** The peer's host: the name the client connected to, or on the server the client's IP address. */
    public String peerHost() {
        return host;
    }

    public String peerVersion() {
        return peerVersion;
    }

    public Role role() {
        return role;
    }

    /** Whether the connection is up: not closed, and not failing (a failure is set before the close that follows it). */
    public boolean isOpen() {
        return !closed && failure == null;
    }

    /** Why the connection ended, or null while it is open or after a clean close. */
    public SshException failure() {
        return failure;
    }

    /** Sends DISCONNECT with {@code reason} and closes. */
    public void disconnect(int reason, String description) {
        sendDisconnect(reason, description);
        close();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(connection);
        inbox.offer(CLOSED);
        firstKex.completeExceptionally(new SshException(DisconnectReason.BY_APPLICATION, "transport closed", null));
        CompletableFuture<Void> pong = pendingPong;
        if (pong != null) {
            pong.completeExceptionally(new SshException("transport closed"));
        }
        Thread t = readerThread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writeLock.tryLock()) {
            try {
                kexFinished.signalAll();
                writer.close();
            } finally {
                writeLock.unlock();
            }
        }
    }

    // ---- key exchange plumbing used by KexDriver ----

    /** Sends our KEXINIT unless one is out already; non-kex writers wait from now on. */
    void startKex() throws SshException {
        writeLock.lock();
        try {
            checkOpen();
            sendKexInitLocked();
        } catch (IOException e) {
            throw asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends our first KEXINIT, unless the reader thread already answered the peer's with it. */
    private void startFirstKex() throws SshException {
        writeLock.lock();
        try {
            if (!firstKexDone && ourKexInit == null && keyExchanges.get() == 0) {
                sendKexInitLocked();
            }
        } catch (IOException e) {
            throw asSsh(e);
        } finally {
            writeLock.unlock();
        }
    }

    private void sendKexInitLocked() throws IOException {
        if (ourKexInit == null) {
            ourKexInit = algorithms.kexInit(role, !firstKexDone, firstKexDone ? java.util.List.of()
                    : algorithms.knownKeyTypes(host, port));
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
            throw asSsh(e);
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
            keyExchanges.incrementAndGet();
            kexFinished.signalAll();
        } finally {
            writeLock.unlock();
        }
        if (!firstKexDone) {
            firstKexDone = true;
            firstKex.complete(null);
        }
    }

    private boolean needsRekey() {
        if (ourKexInit != null || !firstKexDone) {
            return false;
        }
        long limit = algorithms.rekeyBytes;
        Duration every = config.rekeyInterval();
        return writer.bytesSinceKeys() > limit || reader.bytesSinceKeys() > limit
                || writer.packetsSinceKeys() > (1L << 31) || reader.packetsSinceKeys() > (1L << 31)
                || !every.isZero() && System.nanoTime() - keysInstalledAt > every.toNanos();
    }

    void maybeRekey() throws SshException {
        if (needsRekey()) {
            startKex();
        }
    }

    private void checkOpen() throws SshException {
        SshException f = failure;
        if (f != null) {
            throw f;
        }
        if (closed) {
            throw new SshException(DisconnectReason.BY_APPLICATION, "transport closed", null);
        }
    }

    void fail(SshException e) {
        if (closed && failure == null) {
            return;
        }
        failure = e;
        if (!(e instanceof SshDisconnectException) && e.reasonCode() != DisconnectReason.CONNECTION_LOST) {
            int code = e.reasonCode() != 0 ? e.reasonCode() : DisconnectReason.PROTOCOL_ERROR;
            sendDisconnect(code, e.getMessage());
        }
        LOG.log(Level.DEBUG, "connection ends: {0}", e.getMessage());
        firstKex.completeExceptionally(e);
        close();
    }

    private void sendDisconnect(int reason, String description) {
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

    private static SshException asSsh(Throwable e) {
        return e instanceof SshException s ? s
                : new SshException(DisconnectReason.CONNECTION_LOST, String.valueOf(e.getMessage()), e);
    }

    private static void closeQuietly(Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
