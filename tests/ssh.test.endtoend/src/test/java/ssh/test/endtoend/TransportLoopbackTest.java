package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;
import ssh.api.wire.MessageNumbers;
import ssh.transport.Payload;
import ssh.transport.Transport;

/**
 * secsh client and server, in memory and over loopback: every kex method and every cipher x MAC
 * pair, with each provider chain, moving data both ways across two forced rekeys.
 */
class TransportLoopbackTest {
    static final List<String> CHAINS = List.of("jca", "bc", "jca,bc");

    private static List<String> available(AlgorithmFamily<?> family, String chain) throws Exception {
        AlgorithmRegistry r = AlgorithmRegistry.load();
        ProviderChain c = r.providerChain(chain);
        return r.available(family, c).stream().map(AlgorithmFactory::name).toList();
    }

    static Stream<Arguments> kexMethods() throws Exception {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String chain : CHAINS) {
            for (String kex : available(AlgorithmFamily.KEX, chain)) {
                b.add(Arguments.of(kex, chain, false));
                b.add(Arguments.of(kex, chain, true));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} via {1}, TCP {2}")
    @MethodSource("kexMethods")
    void everyKexMethod(String kex, String chain, boolean tcp) throws Exception {
        try (Peers p = Peers.connect(tcp, c -> c.kexAlgorithms(kex).providerChain(chain),
                s -> s.kexAlgorithms(kex).providerChain(chain))) {
            assertEquals(kex, p.client.negotiated().kex());
            exchange(p, 40, 2048);
        }
    }

    static Stream<Arguments> cipherMacPairs() throws Exception {
        Stream.Builder<Arguments> b = Stream.builder();
        AlgorithmRegistry r = AlgorithmRegistry.load();
        for (String chain : CHAINS) {
            ProviderChain c = r.providerChain(chain);
            for (CipherFactory cipher : r.available(AlgorithmFamily.CIPHER, c)) {
                List<String> macs = cipher.isAead() ? List.of("hmac-sha2-256-etm@openssh.com")
                        : available(AlgorithmFamily.MAC, chain);
                for (String mac : macs) {
                    b.add(Arguments.of(cipher.name(), mac, chain, false));
                    b.add(Arguments.of(cipher.name(), mac, chain, true));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} + {1} via {2}, TCP {3}")
    @MethodSource("cipherMacPairs")
    void everyCipherAndMac(String cipher, String mac, String chain, boolean tcp) throws Exception {
        try (Peers p = Peers.connect(tcp, c -> c.ciphers(cipher).macs(mac).providerChain(chain),
                s -> s.ciphers(cipher).macs(mac).providerChain(chain))) {
            assertEquals(cipher, p.client.negotiated().cipherClientToServer());
            exchange(p, 30, 4096);
        }
    }

    static Stream<Arguments> chains() {
        return CHAINS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "defaults via {0} over TCP")
    @MethodSource("chains")
    void overLoopbackTcp(String chain) throws Exception {
        try (Peers p = Peers.connect(true, c -> c.providerChain(chain), s -> s.providerChain(chain))) {
            assertTrue(p.client.negotiated().strictKex(), "strict kex on by default");
            assertEquals(p.client.negotiated(), p.server.negotiated());
            assertArrayEquals(p.client.sessionId(), p.server.sessionId());
            // EXT_INFO follows the server's NEWKEYS; one round trip makes sure the client has read it.
            p.server.send(new byte[] {(byte) MessageNumbers.CHANNEL_DATA}, 0, 1);
            p.client.receive(Peers.TIMEOUT);
            assertTrue(p.client.peerExtensions().containsKey("server-sig-algs"), "server sent ext-info");
            assertTrue(p.client.ping(Peers.TIMEOUT).toNanos() > 0);
            exchange(p, 60, 32 * 1024);
        }
    }

    @ParameterizedTest(name = "compression {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zlib", "zlib@openssh.com"})
    void compressionBothWays(String compression) throws Exception {
        try (Peers p = Peers.connect(false, c -> c.compression(compression), s -> s.compression(compression))) {
            assertEquals(compression, p.client.negotiated().compressionClientToServer());
            // zlib@openssh.com starts once USERAUTH_SUCCESS has passed from server to client.
            p.server.send(new byte[] {(byte) MessageNumbers.USERAUTH_SUCCESS}, 0, 1);
            assertEquals(MessageNumbers.USERAUTH_SUCCESS, p.client.receive(Peers.TIMEOUT).messageNumber());
            exchange(p, 30, 8192);
        }
    }

    @org.junit.jupiter.api.Test
    void rekeysByItselfAfterTheByteLimit() throws Exception {
        try (Peers p = Peers.connect(false, c -> c.rekeyLimit(64 * 1024, java.time.Duration.ZERO), s -> s)) {
            Random random = new Random(5);
            for (int i = 0; i < 40; i++) {
                oneWay(p.client, p.server, random, 8192);
                oneWay(p.server, p.client, random, 8192);
            }
            assertTrue(p.client.keyExchangeCount() >= 3, "rekeyed by bytes: " + p.client.keyExchangeCount());
        }
    }

    @org.junit.jupiter.api.Test
    void unknownTransportMessagesGetUnimplemented() throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            // 15 is in the transport's range and unassigned: the server answers UNIMPLEMENTED, which the
            // client's transport absorbs; the connection carries on.
            p.client.send(new byte[] {15, 1, 2}, 0, 3);
            oneWay(p.client, p.server, new Random(1), 100);
            // SERVICE_REQUEST is transport-layer too, but belongs to the layer above: it is delivered.
            byte[] request = new ssh.api.wire.WireWriter().writeByte(MessageNumbers.SERVICE_REQUEST)
                    .writeUtf8("ssh-userauth").toByteArray();
            p.client.send(request, 0, request.length);
            assertEquals(MessageNumbers.SERVICE_REQUEST, p.server.receive(Peers.TIMEOUT).messageNumber());
            assertTrue(p.server.isOpen() && p.client.isOpen());
        }
    }

    /**
     * Whichever KEXINIT arrives first, exactly one key exchange runs at connect time and strict
     * kex stays negotiated (a race once started a second, marker-less exchange).
     */
    @org.junit.jupiter.api.RepeatedTest(40)
    void oneKeyExchangeAtConnect() throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            p.client.send(new byte[] {(byte) MessageNumbers.CHANNEL_DATA}, 0, 1);
            p.server.receive(Peers.TIMEOUT);
            p.server.send(new byte[] {(byte) MessageNumbers.CHANNEL_DATA}, 0, 1);
            p.client.receive(Peers.TIMEOUT);
            assertEquals(1, p.client.keyExchangeCount());
            assertEquals(1, p.server.keyExchangeCount());
            assertTrue(p.client.negotiated().strictKex() && p.server.negotiated().strictKex());
        }
    }

    /**
     * Sends {@code count} random messages each way, forcing a rekey from each side on the way, and
     * checks every byte and the order.
     */
    static void exchange(Peers p, int count, int maxSize) throws Exception {
        Random random = new Random(count * 31L + maxSize);
        int before = p.client.keyExchangeCount();
        for (int i = 0; i < count; i++) {
            if (i == count / 3) {
                p.client.rekey();
            } else if (i == 2 * count / 3) {
                p.server.rekey();
            }
            oneWay(p.client, p.server, random, maxSize);
            oneWay(p.server, p.client, random, maxSize);
        }
        assertTrue(p.client.keyExchangeCount() >= before + 2, "at least two rekeys: " + p.client.keyExchangeCount());
        assertTrue(p.client.negotiated().strictKex(), "strict kex survives rekeys");
        assertEquals(p.client.keyExchangeCount(), p.server.keyExchangeCount());
    }

    private static void oneWay(Transport from, Transport to, Random random, int maxSize) throws Exception {
        byte[] msg = new byte[1 + random.nextInt(maxSize)];
        random.nextBytes(msg);
        msg[0] = (byte) MessageNumbers.CHANNEL_DATA;
        from.send(msg, 0, msg.length);
        Payload got = to.receive(Peers.TIMEOUT);
        assertArrayEquals(msg, got.data());
    }
}
