package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthClient;
import ssh.auth.UserAuthServer;
import ssh.connection.ChannelLimits;
import ssh.connection.SshClient;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The far side of a secsh connection for hostile connection-protocol tests: a real, authenticated
 * {@link Transport} (client or server) over loopback TCP whose connection-protocol messages the
 * test writes by hand, field by field, and whose replies it reads one message at a time.
 */
final class RawConnectionPeer implements AutoCloseable {
    /** The longest any single wait in these tests may take; secsh should answer in milliseconds. */
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ServerAuthConfig PASSWORDS = ServerAuthConfig.builder()
            .password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build();
    private static final String KEX = "curve25519-sha256";

    final Transport transport;
    private int nextLocalId;

    private RawConnectionPeer(Transport transport) {
        this.transport = transport;
    }

    static ClientAuthConfig credentials() {
        return ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build();
    }

    /** A raw client, authenticated as robey, connected to the secsh server on {@code port}. */
    static RawConnectionPeer connect(int port) throws Exception {
        TransportConfig config = TransportConfig.client().kexAlgorithms(KEX).hostKeyVerifier((h, p, k) -> true)
                .build();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Transport t = Transport.client(socket, config, "localhost", port, WAIT);
        try {
            UserAuthClient.authenticate(t, credentials());
        } catch (SshException e) {
            t.close();
            throw e;
        }
        return new RawConnectionPeer(t);
    }

    /** An unsigned 32-bit field given as a long (for values past 2^31-1). */
    record U32(long value) {
    }

    /** Bytes appended as they are, with no length in front. */
    record Raw(byte[] bytes) {
    }

    /** One message: its number, then each field (String: UTF-8 string, Integer or U32: uint32, byte[]: string). */
    static byte[] message(int number, Object... fields) {
        WireWriter w = new WireWriter(256).writeByte(number);
        for (Object f : fields) {
            switch (f) {
                case String s -> w.writeUtf8(s);
                case Boolean b -> w.writeBoolean(b);
                case Integer i -> w.writeUint32(i);
                case U32 u -> w.writeUint32(u.value());
                case byte[] b -> w.writeString(b);
                case Raw r -> w.writeBytes(r.bytes());
                default -> throw new IllegalArgumentException(String.valueOf(f));
            }
        }
        return w.toByteArray();
    }

    void send(int number, Object... fields) throws SshException {
        sendRaw(message(number, fields));
    }

    void sendRaw(byte[] payload) throws SshException {
        transport.send(payload, 0, payload.length);
    }

    /**
     * The next message, passing over the server's {@code hostkeys-00@openssh.com} announcement
     * (a global request without reply that every login is followed by).
     */
    Payload next() throws SshException {
        while (true) {
            Payload p = transport.receive(WAIT);
            if (!isHostKeysAnnouncement(p)) {
                return p;
            }
        }
    }

    /** Whether {@code p} is the server's {@code hostkeys-00@openssh.com} announcement. */
    static boolean isHostKeysAnnouncement(Payload p) throws SshException {
        return p.messageNumber() == MessageNumbers.GLOBAL_REQUEST
                && p.reader().readUtf8("request name").equals("hostkeys-00@openssh.com");
    }

    /** The next message, which must be {@code number}; messages numbered in {@code skip} before it are passed over. */
    Payload expect(int number, int... skip) throws SshException {
        while (true) {
            Payload p = next();
            if (p.messageNumber() == number) {
                return p;
            }
            boolean skippable = false;
            for (int s : skip) {
                skippable |= s == p.messageNumber();
            }
            assertTrue(skippable, () -> "expected " + MessageNumbers.name(number) + " but got " + p);
        }
    }

    /** A session channel the raw side opened: the raw side's number and secsh's number for it. */
    record RawChannel(int ours, int theirs) {
    }

    /** Opens a session channel granting {@code window}; secsh must confirm it. */
    RawChannel openSession(long window, int maxPacket) throws SshException {
        int ours = nextLocalId++;
        send(MessageNumbers.CHANNEL_OPEN, "session", ours, new U32(window), maxPacket);
        WireReader r = expect(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).reader();
        assertEquals(ours, r.readUint32("recipient channel"));
        return new RawChannel(ours, r.readUint32("sender channel"));
    }

    /** Sends CHANNEL_OPEN and returns secsh's answer (CONFIRMATION or FAILURE). */
    Payload tryOpen(String type, long window, int maxPacket) throws SshException {
        send(MessageNumbers.CHANNEL_OPEN, type, nextLocalId++, new U32(window), maxPacket);
        Payload p = next();
        assertTrue(p.messageNumber() == MessageNumbers.CHANNEL_OPEN_CONFIRMATION
                || p.messageNumber() == MessageNumbers.CHANNEL_OPEN_FAILURE, p::toString);
        return p;
    }

    /** Sends a channel request with want-reply and returns whether secsh answered CHANNEL_SUCCESS. */
    boolean request(RawChannel c, String type, Object... fields) throws SshException {
        Object[] all = new Object[fields.length + 3];
        all[0] = c.theirs();
        all[1] = type;
        all[2] = true;
        System.arraycopy(fields, 0, all, 3, fields.length);
        send(MessageNumbers.CHANNEL_REQUEST, all);
        while (true) {
            Payload p = expectAnyOf(MessageNumbers.CHANNEL_SUCCESS, MessageNumbers.CHANNEL_FAILURE,
                    MessageNumbers.CHANNEL_WINDOW_ADJUST);
            if (p.messageNumber() != MessageNumbers.CHANNEL_WINDOW_ADJUST) {
                assertEquals(c.ours(), p.reader().readUint32("recipient channel"));
                return p.messageNumber() == MessageNumbers.CHANNEL_SUCCESS;
            }
        }
    }

    Payload expectAnyOf(int... numbers) throws SshException {
        Payload p = next();
        for (int n : numbers) {
            if (p.messageNumber() == n) {
                return p;
            }
        }
        throw new AssertionError("unexpected " + p);
    }

    /**
     * A global request secsh does not know, with want-reply: secsh answers REQUEST_FAILURE after it
     * has handled every message sent before, so this proves the connection survived them. Returns
     * the messages that arrived before the answer.
     */
    List<Payload> probe() throws SshException {
        send(MessageNumbers.GLOBAL_REQUEST, "probe@secsh.test", true);
        List<Payload> before = new ArrayList<>();
        while (true) {
            Payload p = next();
            if (p.messageNumber() == MessageNumbers.REQUEST_FAILURE) {
                return before;
            }
            before.add(p);
        }
    }

    /**
     * Reads until secsh's DISCONNECT ends the connection (messages before it are returned through
     * {@code before} if given) and returns it; fails if anything else ends it or nothing does in time.
     */
    SshDisconnectException awaitDisconnect(List<Payload> before) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Payload p;
            try {
                p = transport.receive(Duration.ofMillis(200));
            } catch (SshTimeoutException quiet) {
                continue;
            } catch (SshException e) {
                return assertInstanceOf(SshDisconnectException.class, e, () -> "the connection ended with " + e);
            }
            if (before != null && !isHostKeysAnnouncement(p)) {
                before.add(p);
            }
        }
        throw new AssertionError("secsh did not disconnect within " + WAIT);
    }

    /** secsh disconnects with PROTOCOL_ERROR. */
    void assertProtocolError() throws Exception {
        SshDisconnectException e = awaitDisconnect(null);
        assertEquals(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR), DisconnectReason.name(e.reasonCode()),
                e::toString);
    }

    /**
     * Sends {@code total} bytes of zeros to channel {@code theirs} in CHANNEL_DATA packets of
     * {@code packet} bytes, on a new virtual thread and without waiting for window, counting into
     * {@code sent}. The future ends with the {@link SshException} that stopped the sending, or null.
     */
    CompletableFuture<Object> pour(int theirs, int packet, long total, AtomicLong sent) {
        return async(() -> {
            byte[] chunk = new byte[packet];
            try {
                for (long i = 0; i < total / packet; i++) {
                    send(MessageNumbers.CHANNEL_DATA, theirs, chunk);
                    sent.addAndGet(packet);
                }
            } catch (SshException stopped) {
                return stopped;
            }
            return null;
        });
    }

    /** Runs {@code task} on a new virtual thread. */
    static <T> CompletableFuture<T> async(Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, Thread::startVirtualThread);
    }

    /** The exception {@code f} ends with, which must be an {@link SshException}, within {@link #WAIT}. */
    static SshException failureOf(CompletableFuture<?> f) throws Exception {
        try {
            Object result = f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected an SshException, but it returned " + result);
        } catch (ExecutionException e) {
            return assertInstanceOf(SshException.class, e.getCause(), () -> "wrong exception: " + e.getCause());
        }
    }

    /** Drops the TCP connection without a DISCONNECT. */
    void vanish() {
        transport.close();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** A raw server on loopback: accepts one secsh client, runs key exchange and password authentication. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket socket;
        private final CompletableFuture<RawConnectionPeer> peer = new CompletableFuture<>();
        private final List<SshClient> clients = new ArrayList<>();
        private final List<RawConnectionPeer> peers = new ArrayList<>();

        Listener() throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            TransportConfig config;
            try {
                config = TransportConfig.server().kexAlgorithms(KEX).hostKeys(List.of(AuthPeers.ed25519())).build();
            } catch (SshException e) {
                socket.close();
                throw e;
            }
            Thread.ofVirtual().name("raw-server-accept").start(() -> {
                try (ServerSocket s = socket) {
                    Transport t = Transport.server(s.accept(), config, WAIT);
                    try {
                        UserAuthServer.authenticate(t, PASSWORDS);
                    } catch (SshException e) {
                        t.close();
                        throw e;
                    }
                    peer.complete(new RawConnectionPeer(t));
                } catch (Throwable e) {
                    peer.completeExceptionally(e);
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Our client, connected and authenticated, with {@code limits}. */
        SshClient client(ChannelLimits limits) throws Exception {
            SshClient c = SshClient.builder("127.0.0.1", socket.getLocalPort()).hostKeyVerifier((h, p, k) -> true)
                    .limits(limits).connectTimeout(WAIT).connect(credentials());
            clients.add(c);
            return c;
        }

        /** The raw side of the connection {@link #client} made. */
        RawConnectionPeer peer() throws Exception {
            RawConnectionPeer p = peer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            peers.add(p);
            return p;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            peer.completeExceptionally(new IOException("listener closed"));
            clients.forEach(SshClient::close);
            peers.forEach(RawConnectionPeer::close);
        }
    }
}
