package ssh.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * own threads under a lock, and wait while a key exchange runs ({@link TransportSender}); messages
 * reach the layers above through a {@link TransportInbox}. {@link #close()} leaves no thread.
 */
public final class Transport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

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

    final TransportSender sender;
    /** Messages for {@link #receive}: at most 8 MiB (or two largest packets) waiting, so a peer that never reads cannot make us queue its requests. */
    final TransportInbox inbox;
    volatile boolean firstKexDone;
    volatile byte[] sessionId;
    volatile NegotiatedAlgorithms negotiated;
    volatile SshPublicKey serverHostKey;
    volatile Map<String, String> extensions = Map.of();
    /** Set once user authentication succeeded: delayed compression starts. */
    volatile boolean authenticated;

    private final CompletableFuture<Void> firstKex = new CompletableFuture<>();
    volatile CompletableFuture<Void> pendingPong;
    private volatile SshException failure;
    volatile boolean closed;
    /** The thread running the {@link ReaderLoop}: replaced once, by a fresh one, after the first key exchange. */
    private volatile Thread readerThread;
    private String readerName;

    private Transport(TransportConfig config, String host, int port, InputStream in, OutputStream out,
            Closeable connection) throws SshException {
        this.config = config;
        this.inbox = new TransportInbox(Math.max(8 << 20, 2 * config.maxPacketSize()));
        this.role = config.role();
        this.host = host;
        this.port = port;
        this.connection = connection;
        this.algorithms = new AlgorithmSet(config);
        this.reader = new PacketReader(in, config.maxPacketSize());
        this.writer = new PacketWriter(out, algorithms.crypto.random());
        this.sender = new TransportSender(this, writer);
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
        readerName = "secsh-transport-" + IDS.incrementAndGet();
        startReader();
        sender.startFirstKex();
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
        sender.send(payload, off, len, payload, off, 0);
    }

    /**
     * Sends one message whose payload is {@code head[headOff, headOff+headLen)} followed by
     * {@code body[off, off+len)}, e.g. a CHANNEL_DATA header and the caller's data: each part is
     * copied once, into the packet buffer, and nothing is allocated. Waits while a key exchange runs.
     */
    public void send(byte[] head, int headOff, int headLen, byte[] body, int off, int len) throws SshException {
        java.util.Objects.checkFromIndexSize(headOff, headLen, head.length);
        java.util.Objects.checkFromIndexSize(off, len, body.length);
        if (headLen < 1) {
            throw new IllegalArgumentException("a message starts with its number");
        }
        sender.send(head, headOff, headLen, body, off, len);
    }

    /** The next message for the layers above, waiting at most {@code timeout}. */
    public Payload receive(Duration timeout) throws SshException {
        try {
            Payload p = inbox.receive(timeout);
            if (p == null) {
                checkOpen();
                throw new SshTimeoutException("no message within " + timeout);
            }
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while receiving", e);
        }
    }

    /**
     * Has the reader thread hand messages to {@code receiver} as they arrive, instead of queueing
     * them for {@link #receive}, whenever the consumer of {@link #receive} has finished with every
     * earlier message (so the order is kept). Channel data takes this path: one copy, no allocation.
     */
    public void receiveInline(InlineReceiver receiver) {
        inbox.inline(receiver);
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
        return sender.keyExchanges();
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

    /**
     * Whether the connection is up. A failing transport records {@link #failure()} first, then
     * sends its DISCONNECT, then closes: it is open until that close, so that a layer above that
     * sees it end does not close it under the DISCONNECT still being written.
     */
    public boolean isOpen() {
        return !closed;
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
        inbox.close();
        firstKex.completeExceptionally(new SshException(DisconnectReason.BY_APPLICATION, "transport closed", null));
        CompletableFuture<Void> pong = pendingPong;
        if (pong != null) {
            pong.completeExceptionally(new SshException("transport closed"));
        }
        Thread t = readerThread;
        while (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            t = t != readerThread ? readerThread : null;  // the reader may have handed over to a fresh thread
        }
        sender.close();
    }

    /** Starts a reader thread running the {@link ReaderLoop}; recorded before it starts, so close() can join it. */
    void startReader() {
        // A server's readers are virtual threads (thousands of idle connections). A client's is a
        // platform daemon thread: a virtual thread's socket reads start the JDK's poller threads,
        // which sit in epoll_wait, and at exit the JVM waits up to 300 ms for threads in native code.
        Thread.Builder b = role == Role.CLIENT ? Thread.ofPlatform().daemon(true) : Thread.ofVirtual();
        Thread r = b.name(readerName).unstarted(new ReaderLoop(this));
        readerThread = r;
        r.start();
    }

    // ---- key exchange plumbing used by KexDriver ----

    void startKex() throws SshException {
        sender.startKex();
    }

    void sendKexMessage(byte[] payload, int off, int len) throws SshException {
        sender.sendKexMessage(payload, off, len);
    }

    /** Ends the running key exchange: writers may proceed; the first one completes the handshake. */
    void kexDone() {
        sender.kexDone();
        if (!firstKexDone) {
            firstKexDone = true;
            firstKex.complete(null);
        }
    }

    void maybeRekey() throws SshException {
        sender.maybeRekey();
    }

    void checkOpen() throws SshException {
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
        sender.sendDisconnect(reason, description);
    }

    static SshException asSsh(Throwable e) {
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
