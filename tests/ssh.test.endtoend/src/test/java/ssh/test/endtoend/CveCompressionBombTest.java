package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.CompressionNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.PayloadCompressor;
import ssh.api.spi.PayloadDecompressor;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.auth.UserAuthClient;
import ssh.auth.UserAuthServer;
import ssh.connection.SshServer;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * Compression bombs (fixed in JSch 2.28.0 and in russh): after a real login with
 * {@code zlib@openssh.com}, the evil peer sends one packet that inflates to far more than a packet
 * may hold. secsh, in either role, must end the connection with COMPRESSION_ERROR having allocated
 * under 2 MiB of heap while doing so. DEFLATE cannot beat about 1032:1, so the 1 KiB packet
 * inflates to 1 MiB and the 100 MiB bomb takes a 100 KiB packet (within the 256 KiB packet cap).
 *
 * <p>The evil side's {@code zlib@openssh.com} passes its payloads through untouched, so the test
 * writes the zlib stream itself; it inflates what secsh sends normally.
 *
 * <p>To see the tests fail: in {@code ZlibDecompressor.decompress}, replace
 * {@code int room = maxOutput - produced;} by {@code int room = Integer.MAX_VALUE;} (no bound).
 */
@Timeout(60)
class CveCompressionBombTest {
    private static final Duration WAIT = CveRegressionTest.WAIT;
    private static final long MAX_ALLOCATION = 2 << 20;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** zlib@openssh.com whose compressor copies: the test hands it payloads it deflated itself. */
    private static final class PassThroughZlib implements CompressionFactory {
        private final CompressionFactory real = AlgorithmRegistry.load()
                .find(AlgorithmFamily.COMPRESSION, CompressionNames.ZLIB_OPENSSH).orElseThrow();

        @Override
        public String name() {
            return CompressionNames.ZLIB_OPENSSH;
        }

        @Override
        public Set<Primitive> requiredPrimitives() {
            return Set.of();
        }

        @Override
        public boolean isDelayed() {
            return true;
        }

        @Override
        public PayloadCompressor compressor() {
            return new PayloadCompressor() {
                @Override
                public void compress(byte[] buf, int off, int len, WireWriter out) {
                    out.writeBytes(buf, off, len);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public PayloadDecompressor decompressor(int maxOutput) {
            return real.decompressor(maxOutput);
        }
    }

    /** Every installed algorithm, with the pass-through zlib@openssh.com in front of the real one. */
    private static AlgorithmRegistry evilRegistry() {
        AlgorithmRegistry installed = AlgorithmRegistry.load();
        List<Object> services = new ArrayList<>();
        services.add(new PassThroughZlib());
        for (AlgorithmFamily<?> family : AlgorithmFamily.values()) {
            installed.installed(family).stream().filter(f -> !f.name().equals(CompressionNames.ZLIB_OPENSSH)).forEach(services::add);
        }
        services.addAll(installed.cryptoProviders());
        return AlgorithmRegistry.of(services);
    }

    /**
     * The start of a zlib stream holding one payload: SSH_MSG_IGNORE with a string of
     * {@code inflated - 5} zero bytes, ended by a sync flush as every payload is.
     */
    static byte[] bomb(int inflated) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        WireWriter out = new WireWriter(inflated / 1000 + 1024);
        byte[] head = new WireWriter(5).writeByte(MessageNumbers.IGNORE).writeUint32(inflated - 5).toByteArray();
        byte[] zeros = new byte[1 << 16];
        byte[] buf = new byte[1 << 16];
        d.setInput(head);
        drain(d, out, buf, Deflater.NO_FLUSH);
        for (int left = inflated - 5; left > 0; left -= zeros.length) {
            d.setInput(zeros, 0, Math.min(left, zeros.length));
            drain(d, out, buf, Deflater.NO_FLUSH);
        }
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.writeBytes(buf, 0, n);
        } while (n == buf.length);
        d.end();
        return out.toByteArray();
    }

    private static void drain(Deflater d, WireWriter out, byte[] buf, int flush) {
        while (!d.needsInput()) {
            int n = d.deflate(buf, 0, buf.length, flush);
            out.writeBytes(buf, 0, n);
        }
    }

    private static TransportConfig.Builder evilConfig(TransportConfig.Builder b) {
        return b.registry(evilRegistry()).compression(CompressionNames.ZLIB_OPENSSH);
    }

    /** Sends {@code bomb} and checks that {@code victim}'s side ended the connection cheaply with COMPRESSION_ERROR. */
    private static void detonate(Transport evil, byte[] bomb) throws Exception {
        long before = CveTransportRegressionTest.allocated();
        evil.send(bomb, 0, bomb.length);
        SshException e = assertThrows(SshException.class, () -> {
            while (true) {
                evil.receive(WAIT);
            }
        });
        long used = CveTransportRegressionTest.allocated() - before;
        assertTrue(used < MAX_ALLOCATION, "the bomb cost " + used + " bytes of heap allocation");
        SshDisconnectException d = assertInstanceOf(SshDisconnectException.class, e, e::toString);
        assertEquals(DisconnectReason.name(DisconnectReason.COMPRESSION_ERROR), DisconnectReason.name(d.reasonCode()),
                d::toString);
    }

    /**
     * JSch 2.28.0 / russh compression bomb, secsh as server: a logged-in client's packet
     * ({@code zlib@openssh.com}, which the server offers by default) inflates past the 256 KiB cap.
     */
    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(ints = {1, 100})
    void compressionBomb_againstServer(int mebibytes) throws Exception {
        byte[] bomb = bomb(mebibytes << 20);
        assertTrue(bomb.length <= mebibytes * 1100, "the bomb is " + bomb.length + " bytes");
        SshServer server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .exec(s -> 0).start();
        cleanup.add(server);
        TransportConfig config = evilConfig(TransportConfig.client().hostKeyVerifier((h, p, k) -> true)).build();
        Transport evil = Transport.client(new Socket(InetAddress.getLoopbackAddress(), server.port()), config,
                "localhost", server.port(), WAIT);
        cleanup.add(evil);
        UserAuthClient.authenticate(evil, RawConnectionPeer.credentials());
        assertEquals(CompressionNames.ZLIB_OPENSSH, evil.negotiated().compressionClientToServer());
        Payload announcement = evil.receive(WAIT);  // the server's hostkeys-00 (compressed): it is logged in
        assertTrue(RawConnectionPeer.isHostKeysAnnouncement(announcement), announcement::toString);
        detonate(evil, bomb);
    }

    /** The same bomb, secsh as client: an evil server sends it right after USERAUTH_SUCCESS. */
    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(ints = {1, 100})
    void compressionBomb_againstClient(int mebibytes) throws Exception {
        byte[] bomb = bomb(mebibytes << 20);
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        cleanup.add(listener);
        TransportConfig sc = evilConfig(TransportConfig.server().hostKeys(List.of(AuthPeers.ed25519()))).build();
        CompletableFuture<Transport> evilServer = RawConnectionPeer.async(() -> {
            Transport t = Transport.server(listener.accept(), sc, WAIT);
            UserAuthServer.authenticate(t, RawConnectionPeer.PASSWORDS);
            return t;
        });
        TransportConfig cc = TransportConfig.client().hostKeyVerifier((h, p, k) -> true)
                .compression(CompressionNames.ZLIB_OPENSSH).build();
        Transport client = Transport.client(new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()), cc,
                "localhost", listener.getLocalPort(), WAIT);
        cleanup.add(client);
        UserAuthClient.authenticate(client, RawConnectionPeer.credentials());
        Transport evil = evilServer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        cleanup.add(evil);
        assertEquals(CompressionNames.ZLIB_OPENSSH, client.negotiated().compressionServerToClient());
        long before = CveTransportRegressionTest.allocated();
        evil.send(bomb, 0, bomb.length);
        SshException e = assertThrows(SshException.class, () -> client.receive(WAIT));
        long used = CveTransportRegressionTest.allocated() - before;
        assertTrue(used < MAX_ALLOCATION, "the bomb cost " + used + " bytes of heap allocation");
        assertEquals(DisconnectReason.name(DisconnectReason.COMPRESSION_ERROR), DisconnectReason.name(e.reasonCode()),
                e::toString);
        SshException told = assertThrows(SshException.class, () -> evil.receive(WAIT));
        assertEquals(DisconnectReason.COMPRESSION_ERROR, told.reasonCode(), told::toString);
    }
}
