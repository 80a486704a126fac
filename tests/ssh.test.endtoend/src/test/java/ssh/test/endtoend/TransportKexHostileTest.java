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
  * This class: the key exchange (cases 5-10).
 */
@Timeout(10)
class TransportKexHostileTest extends HostileTransportTestBase {
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
