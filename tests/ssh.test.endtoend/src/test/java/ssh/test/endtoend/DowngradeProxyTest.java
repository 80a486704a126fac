package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * A downgrade by a man in the middle ({@link DowngradeProxy}) between a real secsh client and a
 * real secsh server: the server's KEXINIT loses curve25519, gains diffie-hellman-group1-sha1, or
 * loses the strict-kex marker. The client hashes the KEXINIT it received and the server the one it
 * sent, so the host-key signature over H does not verify and the client aborts before NEWKEYS,
 * having asked its host-key verifier nothing. The control passes the KEXINIT through the same
 * parse-and-reframe path unchanged and the handshake completes, which proves the proxy itself
 * does not break the connection.
 *
 * <p>To see these fail: in {@code KexDriver.checkHostKey} skip the {@code f.verify(...)} check;
 * the client then sends NEWKEYS and {@code Transport.start} returns over every rewrite (the two
 * sides' keys differ, so only its first encrypted packet would fail).
 */
@Timeout(30)
class DowngradeProxyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** What both sides offer: curve25519 first, a NIST curve and a 2048-bit group behind it. */
    private static final String KEX = "curve25519-sha256,ecdh-sha2-nistp256,diffie-hellman-group14-sha256";

    private static UnaryOperator<List<List<String>>> kexList(UnaryOperator<List<String>> change) {
        return lists -> {
            List<List<String>> out = new ArrayList<>(lists);
            out.set(0, change.apply(new ArrayList<>(lists.get(0))));
            return out;
        };
    }

    static UnaryOperator<List<List<String>>> removeCurve25519() {
        return kexList(l -> {
            l.removeIf(n -> n.contains("25519"));
            return l;
        });
    }

    static UnaryOperator<List<List<String>>> addGroup1() {
        return kexList(l -> {
            l.add(0, "diffie-hellman-group1-sha1");
            return l;
        });
    }

    static UnaryOperator<List<List<String>>> stripStrictMarker() {
        return kexList(l -> {
            assertTrue(l.removeIf(n -> n.startsWith("kex-strict-")), "no strict-kex marker to strip: " + l);
            return l;
        });
    }

    /** What one proxied handshake came to. */
    record Outcome(Transport client, SshException clientFailure, SshPublicKey verifierAsked, DowngradeProxy proxy,
            Transport server) {
    }

    private static Outcome run(String clientKex, UnaryOperator<List<List<String>>> clientRewrite,
            UnaryOperator<List<List<String>>> serverRewrite) throws Exception {
        MemoryPipe c2p = new MemoryPipe(1 << 16);
        MemoryPipe p2s = new MemoryPipe(1 << 16);
        MemoryPipe s2p = new MemoryPipe(1 << 16);
        MemoryPipe p2c = new MemoryPipe(1 << 16);
        Closeable clientSide = () -> {
            c2p.close();
            p2c.close();
        };
        Closeable serverSide = () -> {
            p2s.close();
            s2p.close();
        };
        DowngradeProxy proxy = new DowngradeProxy(c2p.in, p2s.out, clientRewrite, s2p.in, p2c.out, serverRewrite);
        TransportConfig sc = TransportConfig.server().hostKeys(Peers.defaultHostKeys()).kexAlgorithms(KEX).build();
        CompletableFuture<Transport> server = CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(sc, "client", 0, p2s.in, s2p.out, serverSide, TIMEOUT);
            } catch (SshException e) {
                return null;
            }
        }, Thread::startVirtualThread);
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        TransportConfig cc = TransportConfig.client().kexAlgorithms(clientKex).hostKeyVerifier((h, p, k) -> {
            asked.set(k);
            return true;
        }).build();
        Transport client = null;
        SshException failure = null;
        try {
            client = Transport.start(cc, "server", 22, p2c.in, c2p.out, clientSide, TIMEOUT);
        } catch (SshException e) {
            failure = e;
        }
        Transport s = server.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return new Outcome(client, failure, asked.get(), proxy, s);
    }

    private static void close(Outcome o) {
        if (o.client() != null) {
            o.client().close();
        }
        if (o.server() != null) {
            o.server().close();
        }
        o.proxy().close();
    }

    static Stream<Arguments> rewrites() {
        return Stream.of(Arguments.of("curve25519 removed from both KEXINITs (both sides agree on nistp256)",
                        removeCurve25519(), removeCurve25519()),
                Arguments.of("diffie-hellman-group1-sha1 added to the server's", null, addGroup1()),
                Arguments.of("kex-strict-s marker stripped from the server's", null, stripStrictMarker()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void clientAbortsOnARewrittenKexInit(String what, UnaryOperator<List<List<String>>> toServer,
            UnaryOperator<List<List<String>>> toClient) throws Exception {
        Outcome o = run(KEX, toServer, toClient);
        try {
            assertNull(o.client(), "the client completed a handshake over a rewritten KEXINIT");
            SshHostKeyException e = assertInstanceOf(SshHostKeyException.class, o.clientFailure());
            assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.reasonCode());
            assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
            assertNull(o.verifierAsked(), "the verifier was asked about a host whose signature does not verify");
            o.proxy().close();
            assertFalse(o.proxy().fromClient.contains(MessageNumbers.NEWKEYS), "the client sent NEWKEYS: "
                    + o.proxy().fromClient);
            assertTrue(o.proxy().fromClient.contains(MessageNumbers.DISCONNECT), "the client did not say why");
        } finally {
            close(o);
        }
    }

    /**
     * The server's list without curve25519 and the client's untouched: the two sides pick
     * different methods, and the server refuses the client's NIST point (KEY_EXCHANGE_FAILED):
     * the client aborts on the server's DISCONNECT, never on a completed exchange.
     */
    @Test
    void curve25519RemovedFromTheServersOnly() throws Exception {
        Outcome o = run(KEX, null, removeCurve25519());
        try {
            assertNull(o.client());
            assertTrue(o.clientFailure() != null);
            assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, o.clientFailure().reasonCode(),
                    () -> "client failure: " + o.clientFailure());
            assertNull(o.verifierAsked());
        } finally {
            close(o);
        }
    }

    /** The control: the same parse-and-reframe path with nothing changed completes the handshake. */
    @Test
    void unchangedKexInitCompletes() throws Exception {
        Outcome o = run(KEX, UnaryOperator.identity(), UnaryOperator.identity());
        try {
            assertNull(o.clientFailure(), () -> "client failure: " + o.clientFailure());
            assertEquals("curve25519-sha256", o.client().negotiated().kex());
            assertTrue(o.client().negotiated().strictKex());
            assertTrue(o.proxy().fromClient.contains(MessageNumbers.NEWKEYS));
            assertTrue(o.verifierAsked() != null);
        } finally {
            close(o);
        }
    }

    /** Sanity of the rewrites themselves: each changes the KEXINIT the client would see. */
    @Test
    void rewritesChangeTheKexList() throws Exception {
        byte[] kexInit = EvilKex.simpleKexInit("diffie-hellman-group14-sha256", EvilKex.STRICT_S);
        assertEquals(List.of("diffie-hellman-group14-sha256", EvilKex.STRICT_S),
                EvilKex.nameLists(DowngradeProxy.rewriteKexInit(kexInit, removeCurve25519())).get(0));
        assertEquals("diffie-hellman-group1-sha1",
                EvilKex.nameLists(DowngradeProxy.rewriteKexInit(kexInit, addGroup1())).get(0).get(0));
        assertEquals(List.of(EvilKex.CURVE25519, "diffie-hellman-group14-sha256"),
                EvilKex.nameLists(DowngradeProxy.rewriteKexInit(kexInit, stripStrictMarker())).get(0));
        assertThrows(AssertionError.class, () -> DowngradeProxy.rewriteKexInit(EvilKex.simpleKexInit(),
                stripStrictMarker()));
    }
}
