package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ssh.api.SshException;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * A hand-driven SSH peer for hostile-input tests. It sits on the far side of two in-memory pipes
 * from one secsh {@link Transport} (client or server, started on a virtual thread as soon as the
 * peer is made) and writes whatever bytes or packets a test crafts. It decodes what secsh sends
 * while that is still plaintext (before secsh's NEWKEYS): the identification line, then packets
 * framed as uint32 packet_length, byte padding_length, payload, padding.
 *
 * <p>The pipes close one direction at a time: {@link #closeOutput()} is a half-close, after which
 * secsh still reads what was written and then end of stream. When secsh closes its connection,
 * both pipes close, and the peer still reads what secsh wrote before that.
 */
final class EvilPeer implements AutoCloseable {
    static final String VERSION = "SSH-2.0-EvilPeer_6.6.6";
    /** The handshake timeout secsh runs with; tests expect to fail long before it. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(8);
    /** How long a test waits for secsh to end. */
    static final Duration WAIT = Duration.ofSeconds(5);

    /** A DISCONNECT as received: reason code and description. */
    record Disconnect(int reasonCode, String description) {
    }

    private final MemoryPipe toUs;
    private final MemoryPipe fromUs;
    private final DataInputStream in;
    private final OutputStream out;
    private final CompletableFuture<Transport> ours = new CompletableFuture<>();
    /** Every plaintext payload secsh sent, in order. */
    final List<byte[]> received = new ArrayList<>();
    /** secsh's identification line, once read. */
    String ourVersion;
    /** secsh's KEXINIT payload, once read. */
    byte[] ourKexInit;

    private EvilPeer(TransportConfig config, int capacity) {
        toUs = new MemoryPipe(capacity);
        fromUs = new MemoryPipe(1 << 20);
        in = new DataInputStream(fromUs.in);
        out = toUs.out;
        Closeable connection = () -> {
            toUs.close();
            fromUs.close();
        };
        Thread.ofVirtual().name("evil-peer-start").start(() -> {
            try {
                ours.complete(Transport.start(config, "evil.example", 22, toUs.in, fromUs.out, connection,
                        HANDSHAKE_TIMEOUT));
            } catch (Throwable e) {
                ours.completeExceptionally(e);
            }
        });
    }

    /** Starts secsh with {@code config} against this peer. */
    static EvilPeer against(TransportConfig config) {
        return new EvilPeer(config, 1 << 20);
    }

    /** As {@link #against(TransportConfig)}, with a pipe towards secsh of {@code capacity} bytes. */
    static EvilPeer against(TransportConfig config, int capacity) {
        return new EvilPeer(config, capacity);
    }

    static TransportConfig.Builder client() {
        return TransportConfig.client().hostKeyVerifier((host, port, key) -> true);
    }

    static TransportConfig.Builder server() throws SshException {
        return TransportConfig.server().hostKeys(Peers.defaultHostKeys());
    }

    // ---- writing ----

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes, 0, bytes.length);
    }

    void sendLine(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendVersion() throws IOException {
        sendLine(VERSION);
    }

    /** Sends {@code payload} as one well-formed unencrypted packet with the least padding allowed. */
    void send(byte[] payload) throws IOException {
        int padding = 8 - (4 + 1 + payload.length) % 8;
        if (padding < 4) {
            padding += 8;
        }
        sendFramed(1 + payload.length + padding, padding, payload);
    }

    /** Sends a packet exactly as told, consistent or not: the random padding fills up to packet_length. */
    void sendFramed(int packetLength, int paddingLength, byte[] payload) throws IOException {
        WireWriter w = new WireWriter(16 + payload.length + 255);
        w.writeUint32(packetLength).writeByte(paddingLength).writeBytes(payload);
        int fill = Math.max(0, packetLength - 1 - payload.length);
        if (fill > 1 << 20) {
            throw new IllegalArgumentException("write a packet this long with sendRaw");
        }
        w.writeBytes(new byte[fill]);
        sendRaw(w.toByteArray());
    }

    /** secsh's side reaches end of stream after what was written. */
    void closeOutput() {
        toUs.close();
    }

    // ---- reading ----

    /** One line from secsh without its line ending; null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
    }

    String readVersion() throws IOException {
        ourVersion = readLine();
        assertNotNull(ourVersion, "secsh sent no identification line");
        assertTrue(ourVersion.startsWith("SSH-2.0-"), "secsh's identification line: " + ourVersion);
        return ourVersion;
    }

    /**
     * The payload of secsh's next unencrypted packet, its framing checked (padding of at least 4
     * bytes, 4 + packet_length a multiple of 8); null at end of stream.
     */
    byte[] readPacket() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        assertTrue(length >= 12 && length <= 256 * 1024 && (4 + length) % 8 == 0,
                "secsh sent an unencrypted packet of length " + Integer.toUnsignedString(length));
        byte[] packet = new byte[length];
        in.readFully(packet);
        int padding = packet[0] & 0xff;
        assertTrue(padding >= 4 && padding <= length - 2, "secsh's padding: " + padding + " of " + length);
        byte[] payload = java.util.Arrays.copyOfRange(packet, 1, length - padding);
        received.add(payload);
        return payload;
    }

    /** secsh's next packet, which must be message {@code number}. */
    byte[] expect(int number) throws IOException {
        byte[] p = readPacket();
        assertNotNull(p, "secsh closed the connection instead of sending " + MessageNumbers.name(number));
        assertEquals(MessageNumbers.name(number), MessageNumbers.name(p[0] & 0xff), "message from secsh");
        return p;
    }

    byte[] readKexInit() throws IOException {
        ourKexInit = expect(MessageNumbers.KEXINIT);
        return ourKexInit;
    }

    /** Both identification lines, then secsh's KEXINIT (which both roles send at once). */
    void startHandshake() throws IOException {
        sendVersion();
        readVersion();
        readKexInit();
    }

    /**
     * Reads everything secsh sends until it closes and returns its DISCONNECT, which must be the
     * last packet; null if it closed without one.
     */
    Disconnect awaitDisconnect() throws IOException {
        Disconnect d = null;
        byte[] p;
        while ((p = readPacket()) != null) {
            assertNull(d, "secsh sent " + MessageNumbers.name(p[0] & 0xff) + " after its DISCONNECT");
            if ((p[0] & 0xff) == MessageNumbers.DISCONNECT) {
                WireReader r = new WireReader(p, 1, p.length - 1);
                d = new Disconnect(r.readUint32("reason code"), r.readUtf8("description"));
                r.readUtf8("language tag");
                r.requireEnd("DISCONNECT");
            }
        }
        return d;
    }

    /** Reads until secsh closes and asserts it said goodbye with {@code reasonCode}. */
    void assertDisconnect(int reasonCode) throws IOException {
        Disconnect d = awaitDisconnect();
        assertNotNull(d, "secsh closed the connection without sending SSH_MSG_DISCONNECT (expected reason "
                + ssh.api.wire.DisconnectReason.name(reasonCode) + ")");
        assertEquals(ssh.api.wire.DisconnectReason.name(reasonCode),
                ssh.api.wire.DisconnectReason.name(d.reasonCode()), "DISCONNECT reason; description: " + d.description());
    }

    // ---- secsh's outcome ----

    /** The exception secsh's {@code Transport.start} ended with; fails if it succeeded or still runs. */
    SshException failure() throws InterruptedException {
        try {
            Transport t = ours.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            t.close();
            return fail("secsh completed the handshake against the evil peer");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SshException s) {
                return s;
            }
            throw new AssertionError("secsh failed with a non-SshException", e.getCause());
        } catch (TimeoutException e) {
            return fail("secsh's Transport.start neither failed nor returned within " + WAIT);
        }
    }

    /** secsh's transport, once its handshake succeeded. */
    Transport transport() throws Exception {
        try {
            return ours.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("secsh's handshake failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        toUs.close();
        fromUs.close();
        ours.thenAccept(Transport::close);
    }
}
