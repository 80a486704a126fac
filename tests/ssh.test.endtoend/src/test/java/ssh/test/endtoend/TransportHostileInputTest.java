package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.HostKeyVerifier;
import ssh.api.Role;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.SshMacException;
import ssh.api.SshNegotiationException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * A hostile peer against the transport: garbage and endless banners, bad packet lengths and
 * padding, corrupted MACs and tags, messages out of place during key exchange, KEXINITs with
 * nothing in common, malformed kex replies, bad host-key signatures, strict-kex violations and
 * wrong first-kex guesses. Each must end the connection with the specific {@link SshException}
 * subtype and reason code for the caller, a DISCONNECT with that code to the peer while the
 * connection can still carry one, and no thread left behind.
 */
@Timeout(10)
class TransportHostileInputTest {
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private Set<Thread> threadsBefore;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /** One honest handshake first, so the JDK's lazily started helper threads exist before any snapshot. */
    @BeforeAll
    static void warmUp() throws Exception {
        try (Peers p = Peers.connect(true, c -> c, s -> s)) {
            byte[] data = message(MessageNumbers.CHANNEL_DATA, "warm-up");
            p.server.send(data, 0, data.length);
            p.client.receive(Peers.TIMEOUT);
        }
    }

    @BeforeEach
    void snapshotThreads() {
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Closes the test's helpers, then checks that no platform thread outlived the test. */
    @AfterEach
    void noThreadLeft() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        AtomicReference<List<String>> extra = new AtomicReference<>();
        boolean clean = eventually(() -> {
            List<String> names = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && (!threadsBefore.contains(t) || t.getName().startsWith("secsh")))
                    .filter(t -> !(t instanceof ForkJoinWorkerThread) || t.getName().startsWith("secsh"))
                    .filter(t -> !jdkOrJUnitHelper(t.getName()))
                    .map(Thread::getName).toList();
            extra.set(names);
            return names.isEmpty();
        });
        assertTrue(clean, "platform threads left behind: " + extra.get());
    }

    /**
     * Platform threads the JDK starts lazily for virtual threads and timed waits (the scheduler's
     * delay scheduler, the unparker, I/O pollers) and JUnit's timeout watcher: they live on by design.
     */
    private static boolean jdkOrJUnitHelper(String name) {
        return name.startsWith("ForkJoinPool") || name.startsWith("VirtualThread-") || name.endsWith("-Poller")
                || name.startsWith("junit-");
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private EvilPeer evil(TransportConfig config) {
        return track(EvilPeer.against(config));
    }

    private static TransportConfig config(Role ours) throws SshException {
        return ours == Role.CLIENT ? EvilPeer.client().build() : EvilPeer.server().build();
    }

    /** {@code e} is a {@code type} with reason {@code reason}. */
    private static <T extends SshException> T assertFailure(Class<T> type, int reason, SshException e) {
        assertNotNull(e, "no failure");
        assertInstanceOf(type, e, () -> "wrong exception type: " + e);
        assertEquals(DisconnectReason.name(reason), DisconnectReason.name(e.reasonCode()), () -> "reason code of " + e);
        return type.cast(e);
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The transport closes itself (its reader ends with it) within {@link #SETTLE}. */
    private static void assertEnds(Transport t) throws InterruptedException {
        assertTrue(eventually(() -> !t.isOpen()), "the transport is still open " + SETTLE + " after failing");
    }

    private static byte[] message(int number, String text) {
        WireWriter w = new WireWriter(64).writeByte(number);
        switch (number) {
            case MessageNumbers.IGNORE -> w.writeUtf8(text);
            case MessageNumbers.DEBUG -> w.writeBoolean(false).writeUtf8(text).writeUtf8("");
            case MessageNumbers.UNIMPLEMENTED -> w.writeUint32(7);
            case MessageNumbers.SERVICE_REQUEST, MessageNumbers.SERVICE_ACCEPT -> w.writeUtf8("ssh-userauth");
            case MessageNumbers.CHANNEL_DATA -> w.writeUint32(0).writeUtf8(text);
            case MessageNumbers.NEWKEYS -> { }
            default -> throw new IllegalArgumentException("no sample of message " + number);
        }
        return w.toByteArray();
    }

    private static boolean sent(EvilPeer e, int number) {
        return e.received.stream().anyMatch(p -> (p[0] & 0xff) == number);
    }

    // ---- 1. Garbage or endless banner ----

    @Test
    void serverSendsLinesThatAreNotSshThenCloses() throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.sendLine("Welcome to the evil server");
        e.sendLine("HTTP/1.1 400 Bad Request");
        e.sendLine("ssh-2.0-lowercase-does-not-count");
        e.closeOutput();
        e.readVersion();
        SshException f = e.failure();
        assertFailure(SshException.class, DisconnectReason.CONNECTION_LOST, f);
    }

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void protocolVersionOneFive(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        e.sendLine("SSH-1.5-x");
        e.readVersion();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void identificationLineOf300Bytes(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        String line = "SSH-2.0-" + "x".repeat(290);
        assertEquals(300, (line + "\r\n").length());
        e.sendLine(line);
        e.readVersion();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void endlessBanner() throws Exception {
        int window = 8 * 1024;
        EvilPeer e = track(EvilPeer.against(EvilPeer.client().build(), window));
        byte[] line = "this server has a great deal to say before it says SSH, honestly\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime();
        Thread writer = Thread.ofVirtual().name("evil-banner").start(() -> {
            try {
                while (written.get() < 1 << 20) {
                    e.sendRaw(line);
                    written.addAndGet(line.length);
                }
            } catch (IOException closedBySecsh) {
                // secsh gave up and closed: what we want
            }
        });
        e.readVersion();
        SshException f = e.failure();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        assertTrue(millis < 3000, "took " + millis + " ms to give up");
        writer.join(SETTLE);
        assertFalse(writer.isAlive(), "secsh still reads the endless banner");
        assertTrue(written.get() >= 64 * 1024 - window, "gave up after only " + written.get() + " bytes: " + f);
        assertTrue(written.get() <= 64 * 1024 + window + line.length,
                "secsh read on past its 64 KiB preamble bound: the peer wrote " + written.get() + " bytes");
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void clientSendsALineThatIsNotSsh() throws Exception {
        EvilPeer e = evil(EvilPeer.server().build());
        e.sendLine("GET / HTTP/1.1");
        e.readVersion();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    // ---- 2. Packet length over the cap (or under the minimum) ----

    static Stream<Arguments> badLengths() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            for (long length : new long[] {256 * 1024 + 1, 256 * 1024 + 4, 0x7FFFFFFFL, 0xFFFFFFFFL, 0, 4}) {
                b.add(Arguments.of(role, length));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}, packet_length {1}")
    @MethodSource("badLengths")
    void packetLengthOutOfBounds(Role ours, long length) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        // The length and the rest of a first 8-byte block: nothing more needs reading to refuse it.
        e.sendRaw(new WireWriter(8).writeUint32(length).writeBytes(new byte[] {4, 2, 0, 0}).toByteArray());
        SshException f = e.failure();
        assertEquals(SshProtocolException.class, f.getClass(), () -> "wrong exception type: " + f);
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    /** The control: a packet right at the cap passes, and the handshake goes on. */
    @Test
    void packetAtTheCapIsAccepted() throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.startHandshake();
        int packetLength = 256 * 1024 - 4;
        byte[] ignore = new WireWriter(packetLength).writeByte(MessageNumbers.IGNORE)
                .writeString(new byte[packetLength - 1 - 4 - 5]).toByteArray();
        e.sendFramed(packetLength, 4, ignore);
        e.send(EvilKex.simpleKexInit());
        e.expect(MessageNumbers.KEX_ECDH_INIT);
    }

    // ---- 3. Bad padding ----

    static Stream<Arguments> badPadding() {
        byte[] ignore3 = message(MessageNumbers.IGNORE, "abc"); // 8 bytes
        byte[] ignore0 = message(MessageNumbers.IGNORE, ""); // 5 bytes
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            b.add(Arguments.of(role, "padding_length 3", 1 + 8 + 3, 3, ignore3));
            b.add(Arguments.of(role, "4 + packet_length not a multiple of 8", 1 + 5 + 5, 5, ignore0));
            b.add(Arguments.of(role, "padding longer than the packet", 12, 200, ignore0));
            b.add(Arguments.of(role, "no payload at all", 12, 11, new byte[0]));
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}: {1}")
    @MethodSource("badPadding")
    void badPadding(Role ours, String what, int packetLength, int padding, byte[] payload) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        e.sendFramed(packetLength, padding, payload);
        SshException f = e.failure();
        assertEquals(SshProtocolException.class, f.getClass(), () -> "wrong exception type: " + f);
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    // ---- 4. Bad MAC or tag once keys are in place ----

    static Stream<Arguments> integrity() {
        return Stream.of(Arguments.of("chacha20-poly1305@openssh.com", null), Arguments.of("aes128-gcm@openssh.com", null),
                Arguments.of("aes128-ctr", "hmac-sha2-256-etm@openssh.com"), Arguments.of("aes128-ctr", "hmac-sha2-256"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("integrity")
    void corruptedPacketAfterKeyExchange(String cipher, String mac) throws Exception {
        TransportConfig cc = EvilPeer.client().ciphers(cipher).macs(mac).build();
        TransportConfig sc = EvilPeer.server().ciphers(cipher).macs(mac).build();
        ServerSocket listener = track(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        CompletableFuture<Transport> serverSide = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                serverSide.complete(Transport.server(listener.accept(), sc, EvilPeer.HANDSHAKE_TIMEOUT));
            } catch (Throwable t) {
                serverSide.completeExceptionally(t);
            }
        });
        FlipProxy proxy = track(new FlipProxy(listener.getLocalPort()));
        Transport client = track(Transport.client(new Socket(InetAddress.getLoopbackAddress(), proxy.port()), cc,
                "localhost", proxy.port(), EvilPeer.HANDSHAKE_TIMEOUT));
        Transport server = track(serverSide.get(5, TimeUnit.SECONDS));
        assertEquals(cipher, client.negotiated().cipherServerToClient());
        assertEquals(mac, client.negotiated().macServerToClient());
        // The server's EXT_INFO follows its NEWKEYS: once it is in, server-to-client traffic is idle.
        assertTrue(eventually(() -> client.peerExtensions().containsKey("server-sig-algs")), "no EXT_INFO");

        proxy.flipDownstream(10); // past the length field, inside what the MAC or tag covers
        byte[] known = message(MessageNumbers.CHANNEL_DATA, "a payload the client must never see corrupted");
        server.send(known, 0, known.length);

        SshMacException thrown = assertThrows(SshMacException.class, () -> {
            Payload p = client.receive(Duration.ofSeconds(3));
            fail("receive() returned a payload off a corrupted packet: " + Arrays.toString(p.data()));
        });
        assertTrue(proxy.flipped(), "the proxy never corrupted anything");
        assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, thrown);
        assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, client.failure());
        assertEnds(client);
        // The client-to-server direction is intact: the server reads the client's (encrypted) DISCONNECT.
        assertTrue(eventually(() -> server.failure() != null), "the server never heard of the failure");
        assertFailure(SshDisconnectException.class, DisconnectReason.MAC_ERROR, server.failure());
        assertEnds(server);
    }

    // ---- 5. A non-kex message during key exchange ----

    @ParameterizedTest(name = "{0} instead of KEX_ECDH_REPLY")
    @ValueSource(ints = {MessageNumbers.SERVICE_ACCEPT, MessageNumbers.CHANNEL_DATA, MessageNumbers.NEWKEYS,
            MessageNumbers.KEXINIT})
    void nonKexMessageBeforeTheKexReply(int number) throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.startHandshake();
        e.send(EvilKex.simpleKexInit());
        e.expect(MessageNumbers.KEX_ECDH_INIT);
        e.send(number == MessageNumbers.KEXINIT ? EvilKex.simpleKexInit() : message(number, "too early"));
        SshUnexpectedMessageException u = assertFailure(SshUnexpectedMessageException.class,
                DisconnectReason.PROTOCOL_ERROR, e.failure());
        assertEquals(number, u.received());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void serviceRequestBeforeTheKexInitOfTheClient() throws Exception {
        EvilPeer e = evil(EvilPeer.server().build());
        e.startHandshake();
        e.send(EvilKex.simpleKexInit());
        e.send(message(MessageNumbers.SERVICE_REQUEST, null));
        SshUnexpectedMessageException u = assertFailure(SshUnexpectedMessageException.class,
                DisconnectReason.PROTOCOL_ERROR, e.failure());
        assertEquals(MessageNumbers.SERVICE_REQUEST, u.received());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void serviceMessageBeforeAnyKexInit(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        int number = ours == Role.CLIENT ? MessageNumbers.SERVICE_ACCEPT : MessageNumbers.SERVICE_REQUEST;
        e.send(message(number, null));
        SshUnexpectedMessageException u = assertFailure(SshUnexpectedMessageException.class,
                DisconnectReason.PROTOCOL_ERROR, e.failure());
        assertEquals(number, u.received());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    // ---- 6. A KEXINIT with no algorithm in common ----

    static Stream<Arguments> mismatches() {
        List<String> kex = List.of(EvilKex.CURVE25519);
        List<String> hk = List.of(EvilKex.ED25519);
        List<String> ciphers = List.of(EvilKex.CIPHER);
        List<String> macs = List.of(EvilKex.MAC);
        List<String> none = List.of("none");
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            b.add(Arguments.of(role, "kex algorithm", 0,
                    EvilKex.kexInit(false, List.of("nonexistent-kex@example.com"), hk, ciphers, macs, none)));
            b.add(Arguments.of(role, "host key algorithm", 1,
                    EvilKex.kexInit(false, kex, List.of("nonexistent-key@example.com"), ciphers, macs, none)));
            b.add(Arguments.of(role, "cipher client->server", 2,
                    EvilKex.kexInit(false, kex, hk, List.of("nonexistent-cipher@example.com"), macs, none)));
            b.add(Arguments.of(role, "MAC client->server", 4,
                    EvilKex.kexInit(false, kex, hk, ciphers, List.of("nonexistent-mac@example.com"), none)));
            b.add(Arguments.of(role, "compression client->server", 6,
                    EvilKex.kexInit(false, kex, hk, ciphers, macs, List.of("nonexistent-zip@example.com"))));
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}: no {1} in common")
    @MethodSource("mismatches")
    void noAlgorithmInCommon(Role ours, String category, int list, byte[] theirKexInit) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        e.send(theirKexInit);
        SshNegotiationException n = assertFailure(SshNegotiationException.class, DisconnectReason.KEY_EXCHANGE_FAILED,
                e.failure());
        assertEquals(category, n.category());
        assertEquals(EvilKex.nameLists(e.ourKexInit).get(list), n.ours(), "ours(): secsh's own list");
        assertEquals(EvilKex.nameLists(theirKexInit).get(list), n.theirs(), "theirs(): the peer's list");
        e.assertDisconnect(DisconnectReason.KEY_EXCHANGE_FAILED);
    }

    // ---- 7. A truncated or malformed kex reply ----

    interface Reply {
        byte[] craft(EvilKex.Server s) throws Exception;
    }

    static Stream<Arguments> malformedReplies() {
        return Stream.of(
                Arguments.of("truncated after K_S", (Reply) s -> new WireWriter(128)
                        .writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(s.hostKeyBlob).toByteArray()),
                Arguments.of("Q_S of 31 bytes", (Reply) s -> new WireWriter(256).writeByte(MessageNumbers.KEX_ECDH_REPLY)
                        .writeString(s.hostKeyBlob).writeString(Arrays.copyOf(s.qs, 31)).writeString(s.sign(s.h))
                        .toByteArray()),
                Arguments.of("Q_S of 33 bytes", (Reply) s -> new WireWriter(256).writeByte(MessageNumbers.KEX_ECDH_REPLY)
                        .writeString(s.hostKeyBlob).writeString(Arrays.copyOf(s.qs, 33)).writeString(s.sign(s.h))
                        .toByteArray()),
                Arguments.of("all-zero Q_S", (Reply) s -> new WireWriter(256).writeByte(MessageNumbers.KEX_ECDH_REPLY)
                        .writeString(s.hostKeyBlob).writeString(new byte[32]).writeString(s.sign(s.h)).toByteArray()),
                Arguments.of("a byte after the signature", (Reply) s -> {
                    byte[] honest = s.honestReply();
                    return Arrays.copyOf(honest, honest.length + 1);
                }),
                Arguments.of("string length past the end", (Reply) s -> new WireWriter(64)
                        .writeByte(MessageNumbers.KEX_ECDH_REPLY).writeUint32(0xFFFFFFF0).writeBytes(new byte[40])
                        .toByteArray()),
                Arguments.of("K_S that is no key blob", (Reply) s -> new WireWriter(256)
                        .writeByte(MessageNumbers.KEX_ECDH_REPLY).writeUtf8("not a key").writeString(s.qs)
                        .writeString(s.sign(s.h)).toByteArray()),
                Arguments.of("nothing but the message number", (Reply) s -> new byte[] {MessageNumbers.KEX_ECDH_REPLY}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedReplies")
    void malformedKexReply(String what, Reply reply) throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.startHandshake();
        byte[] is = EvilKex.simpleKexInit();
        e.send(is);
        byte[] init = e.expect(MessageNumbers.KEX_ECDH_INIT);
        EvilKex.Server s = new EvilKex.Server();
        s.exchange(e.ourVersion, EvilPeer.VERSION, e.ourKexInit, is, init);
        e.send(reply.craft(s));
        SshException f = e.failure();
        assertInstanceOf(SshProtocolException.class, f, () -> "wrong exception type: " + f);
        assertTrue(f.reasonCode() == DisconnectReason.KEY_EXCHANGE_FAILED || f.reasonCode() == DisconnectReason.PROTOCOL_ERROR,
                () -> "reason code " + DisconnectReason.name(f.reasonCode()) + " of " + f);
        e.assertDisconnect(f.reasonCode());
    }

    // ---- 8. A host-key signature that does not verify; a verifier that says no ----

    /** Runs a real curve25519 exchange with {@code verifier} on secsh's side; the reply is signed over {@code signed}. */
    private EvilPeer hostKeyCase(HostKeyVerifier verifier, SignWhat signed) throws Exception {
        EvilPeer e = evil(TransportConfig.client().hostKeyVerifier(verifier).build());
        e.startHandshake();
        byte[] is = EvilKex.simpleKexInit();
        e.send(is);
        EvilKex.Server s = new EvilKex.Server();
        byte[] h = s.exchange(e.ourVersion, EvilPeer.VERSION, e.ourKexInit, is, e.expect(MessageNumbers.KEX_ECDH_INIT));
        e.send(s.reply(signed.signature(s, h)));
        return e;
    }

    interface SignWhat {
        byte[] signature(EvilKex.Server s, byte[] h) throws Exception;
    }

    @Test
    void signatureOverSomethingElse() throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        EvilPeer e = hostKeyCase((host, port, key) -> {
            asked.set(key);
            return true;
        }, (s, h) -> {
            byte[] other = h.clone();
            other[0] ^= 1;
            return s.sign(other);
        });
        assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.failure());
        assertNull(asked.get(), "the verifier was asked about a key whose signature does not verify");
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
        assertFalse(sent(e, MessageNumbers.NEWKEYS), "secsh sent NEWKEYS after a bad signature");
    }

    @Test
    void signatureByAnotherKey() throws Exception {
        EvilKex.Server impostor = new EvilKex.Server();
        EvilPeer e = hostKeyCase((host, port, key) -> true, (s, h) -> impostor.sign(h));
        assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.failure());
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
    }

    @Test
    void verifierSaysNo() throws Exception {
        AtomicReference<SshPublicKey> asked = new AtomicReference<>();
        AtomicReference<EvilKex.Server> server = new AtomicReference<>();
        EvilPeer e = hostKeyCase((host, port, key) -> {
            asked.set(key);
            return false;
        }, (s, h) -> {
            server.set(s);
            return s.sign(h);
        });
        assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.failure());
        assertNotNull(asked.get(), "the verifier was never asked: the honest signature did not verify");
        assertArrayEquals(server.get().hostKeyBlob, asked.get().blob());
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
        assertFalse(sent(e, MessageNumbers.NEWKEYS), "secsh sent NEWKEYS to a rejected host");
    }

    @Test
    void verifierThrowsRuntimeException() throws Exception {
        EvilPeer e = hostKeyCase((host, port, key) -> {
            throw new IllegalStateException("known_hosts is unreadable");
        }, EvilKex.Server::sign);
        SshHostKeyException f = assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE,
                e.failure());
        assertInstanceOf(IllegalStateException.class, f.getCause());
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
    }

    @Test
    void verifierThrowsSshException() throws Exception {
        EvilPeer e = hostKeyCase((host, port, key) -> {
            throw new SshException("no answer from the key server");
        }, EvilKex.Server::sign);
        assertFailure(SshHostKeyException.class, DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.failure());
        e.assertDisconnect(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
    }

    /** The control for this section: the evil peer's exchange, done honestly, is a whole handshake. */
    @Test
    void honestExchangeByTheEvilPeerCompletes() throws Exception {
        EvilPeer e = hostKeyCase((host, port, key) -> true, EvilKex.Server::sign);
        e.expect(MessageNumbers.NEWKEYS);
        e.send(message(MessageNumbers.NEWKEYS, null));
        Transport t = track(e.transport());
        assertEquals(EvilKex.CURVE25519, t.negotiated().kex());
        assertFalse(t.negotiated().strictKex());
        e.closeOutput();
        assertEnds(t);
        assertFailure(SshException.class, DisconnectReason.CONNECTION_LOST, t.failure());
    }

    // ---- 9. Strict kex: nothing but kex messages until the first NEWKEYS ----

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void strictKexIgnoreBeforeKexInit(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        e.send(message(MessageNumbers.IGNORE, "Terrapin says hello"));
        e.send(EvilKex.simpleKexInit(ours == Role.CLIENT ? EvilKex.STRICT_S : EvilKex.STRICT_C));
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
        assertFalse(sent(e, MessageNumbers.KEX_ECDH_INIT), "secsh went on with the exchange");
    }

    @ParameterizedTest(name = "{0} between KEXINIT and the kex reply")
    @ValueSource(ints = {MessageNumbers.IGNORE, MessageNumbers.DEBUG, MessageNumbers.UNIMPLEMENTED})
    void strictKexMessageDuringKex(int number) throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.startHandshake();
        e.send(EvilKex.simpleKexInit(EvilKex.STRICT_S));
        e.expect(MessageNumbers.KEX_ECDH_INIT);
        e.send(message(number, "Terrapin says hello"));
        SshUnexpectedMessageException u = assertFailure(SshUnexpectedMessageException.class,
                DisconnectReason.PROTOCOL_ERROR, e.failure());
        assertEquals(number, u.received());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    static Stream<Arguments> tolerated() {
        return Stream.of(Arguments.of(false, true), Arguments.of(false, false), Arguments.of(true, false));
    }

    /**
     * The control: without strict kex on both sides, an IGNORE before KEXINIT or during the
     * exchange is fine, and the handshake completes; with it and no IGNORE, it completes too.
     */
    @ParameterizedTest(name = "strict {0}, IGNORE before KEXINIT {1}")
    @MethodSource("tolerated")
    void ignoreToleratedWithoutStrictKex(boolean strict, boolean beforeKexInit) throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.startHandshake();
        byte[] ignore = message(MessageNumbers.IGNORE, "harmless");
        if (beforeKexInit && !strict) {
            e.send(ignore);
        }
        byte[] is = strict ? EvilKex.simpleKexInit(EvilKex.STRICT_S) : EvilKex.simpleKexInit();
        e.send(is);
        EvilKex.Server s = new EvilKex.Server();
        s.exchange(e.ourVersion, EvilPeer.VERSION, e.ourKexInit, is, e.expect(MessageNumbers.KEX_ECDH_INIT));
        if (!beforeKexInit && !strict) {
            e.send(ignore);
        }
        e.send(s.honestReply());
        e.expect(MessageNumbers.NEWKEYS);
        e.send(message(MessageNumbers.NEWKEYS, null));
        Transport t = track(e.transport());
        assertEquals(strict, t.negotiated().strictKex());
        e.closeOutput();
        assertEnds(t);
    }

    // ---- 10. first_kex_packet_follows with a wrong guess ----

    /**
     * The evil client guesses curve25519-sha256 while secsh's server prefers another method: by
     * RFC 4253 section 7 the guess is wrong even though curve25519-sha256 is what gets negotiated,
     * so secsh must drop the guessed KEX_ECDH_INIT and answer the second one.
     */
    @Test
    void wrongGuessIsDiscarded() throws Exception {
        EvilPeer e = evil(EvilPeer.server().build());
        e.startHandshake();
        assertFalse(EvilKex.nameLists(e.ourKexInit).get(0).get(0).equals(EvilKex.CURVE25519),
                "this test needs a server that prefers another kex method");
        byte[] ic = EvilKex.kexInit(true, List.of(EvilKex.CURVE25519), List.of(EvilKex.ED25519), List.of(EvilKex.CIPHER),
                List.of(EvilKex.MAC), List.of("none"));
        e.send(ic);
        EvilKex.Client guess = new EvilKex.Client();
        e.send(guess.ecdhInit());
        EvilKex.Client real = new EvilKex.Client();
        e.send(real.ecdhInit());
        byte[] reply = e.expect(MessageNumbers.KEX_ECDH_REPLY);
        assertTrue(real.verify(EvilPeer.VERSION, e.ourVersion, ic, e.ourKexInit, reply),
                "the reply does not answer the second KEX_ECDH_INIT");
        e.expect(MessageNumbers.NEWKEYS);
        e.send(message(MessageNumbers.NEWKEYS, null));
        Transport t = track(e.transport());
        assertEquals(EvilKex.CURVE25519, t.negotiated().kex());
        e.closeOutput();
        assertEnds(t);
    }

    /** A guess for a method the server does not even offer (a NIST point): skipped, not parsed. */
    @Test
    void guessForAnotherMethodIsDiscarded() throws Exception {
        EvilPeer e = evil(EvilPeer.server().build());
        e.startHandshake();
        byte[] ic = EvilKex.kexInit(true, List.of("ecdh-sha2-nistp256", EvilKex.CURVE25519), List.of(EvilKex.ED25519),
                List.of(EvilKex.CIPHER), List.of(EvilKex.MAC), List.of("none"));
        e.send(ic);
        byte[] point = new byte[65];
        point[0] = 4;
        e.send(new WireWriter(80).writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(point).toByteArray());
        EvilKex.Client real = new EvilKex.Client();
        e.send(real.ecdhInit());
        byte[] reply = e.expect(MessageNumbers.KEX_ECDH_REPLY);
        assertTrue(real.verify(EvilPeer.VERSION, e.ourVersion, ic, e.ourKexInit, reply));
        e.expect(MessageNumbers.NEWKEYS);
    }

    /** The other branch: a right guess is the real KEX_ECDH_INIT, answered at once. */
    @Test
    void rightGuessIsUsed() throws Exception {
        EvilPeer e = evil(EvilPeer.server().kexAlgorithms(EvilKex.CURVE25519).build());
        e.startHandshake();
        byte[] ic = EvilKex.kexInit(true, List.of(EvilKex.CURVE25519), List.of(EvilKex.ED25519), List.of(EvilKex.CIPHER),
                List.of(EvilKex.MAC), List.of("none"));
        e.send(ic);
        EvilKex.Client guess = new EvilKex.Client();
        e.send(guess.ecdhInit());
        byte[] reply = e.expect(MessageNumbers.KEX_ECDH_REPLY);
        assertTrue(guess.verify(EvilPeer.VERSION, e.ourVersion, ic, e.ourKexInit, reply));
        e.expect(MessageNumbers.NEWKEYS);
        e.send(message(MessageNumbers.NEWKEYS, null));
        Transport t = track(e.transport());
        assertEquals(EvilKex.CURVE25519, t.negotiated().kex());
        e.closeOutput();
        assertEnds(t);
    }
}
