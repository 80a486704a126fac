package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.ClientAuthConfig;
import ssh.test.endtoend.MatrixOracle.Outcome;
import ssh.test.endtoend.MatrixOracle.State;
import ssh.test.endtoend.MatrixPeer.Packet;

/**
 * The state x message matrix (issue 9): secsh as server facing an evil client and as client facing
 * an evil server, in each state (before kex, during kex, user-auth, authenticated), receives every
 * message number 0-255 that is not valid there. {@link MatrixOracle} says, from the RFCs, which
 * numbers must end the connection (DISCONNECT with PROTOCOL_ERROR as the only reaction, an
 * SshProtocolException for the caller) and which must get UNIMPLEMENTED with the packet's own
 * sequence number or nothing at all while the connection and its state carry on. Either way no
 * side effect: the server's exec handler and forwarding policy are never reached, the client never
 * logs in and holds no channel.
 *
 * <p>Each disconnecting case gets its own connection (a real strict curve25519 kex after the
 * first two states); the UNIMPLEMENTED and ignored numbers of one state share one connection.
 *
 * <p>Named cases covered elsewhere: a client sending USERAUTH_SUCCESS:
 * {@code UserAuthHostileTest.clientSendsUserauthSuccess}; CHANNEL_OPEN before authentication:
 * {@code UserAuthHostileTest.channelOpenBeforeAuthentication}; SERVICE_REQUEST before NEWKEYS:
 * {@code TransportKexHostileTest.serviceRequestBeforeTheKexInitOfTheClient} and
 * {@code serviceMessageBeforeAnyKexInit}; PK_OK for a key never offered (no publickey request
 * running): {@code UserAuthHostileTest.pkOkForAKeyNeverOffered}. All also appear in the matrix.
 */
@Timeout(20)
class StateMessageMatrixTest extends HostileTransportTestBase {

    static Stream<Arguments> disconnecting() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            for (State state : State.values()) {
                for (int n : MatrixOracle.numbers(role, state, Outcome.DISCONNECT, Outcome.DISCONNECT_AT_STRICT_KEXINIT)) {
                    b.add(Arguments.of(role, state, n));
                }
            }
        }
        return b.build();
    }

    /** The number ends the connection: DISCONNECT with PROTOCOL_ERROR is secsh's only reaction. */
    @ParameterizedTest(name = "secsh {0}, {1}: message {2}")
    @MethodSource("disconnecting")
    void outOfPlaceMessageEndsTheConnection(Role role, State state, int n) throws Exception {
        try (MatrixScenario s = MatrixScenario.reach(role, state)) {
            s.evil.send(MatrixOracle.sample(n));
            if (MatrixOracle.expected(role, state, n) == Outcome.DISCONNECT_AT_STRICT_KEXINIT) {
                s.evil.sendKexInit(true);
            }
            assertOnlyDisconnect(s.evil.readToEnd(), n);
            SshException thrown = state == State.BEFORE_KEX || state == State.DURING_KEX ? s.evil.handshakeFailure()
                    : s.upperFailure();
            // null: the server's connection layer ended it; SshServer reports nothing, the transport may tell why
            SshException e = thrown != null ? thrown : s.transport.failure();
            if (e != null) {
                assertInstanceOf(SshProtocolException.class, e, () -> "message " + n + ": " + e);
                assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reasonCode(), e::toString);
            }
            assertTrue(e != null || role == Role.SERVER && state == State.AUTHENTICATED,
                    "secsh reported no failure for message " + n);
            s.assertNoSideEffect();
            if (s.transport != null) {
                assertEnds(s.transport);
            }
        }
    }

    private static void assertOnlyDisconnect(List<Packet> packets, int n) throws SshException {
        assertEquals(1, packets.size(), () -> "message " + n + ": secsh sent " + names(packets));
        Packet d = packets.get(0);
        assertEquals(MessageNumbers.DISCONNECT, d.number(), () -> "message " + n + ": secsh sent " + names(packets));
        int reason = d.reader().readUint32("reason code");
        assertEquals(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR), DisconnectReason.name(reason),
                "DISCONNECT reason after message " + n);
    }

    private static List<String> names(List<Packet> packets) {
        return packets.stream().map(p -> MessageNumbers.name(p.number())).toList();
    }

    static Stream<Arguments> quiet() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            for (State state : List.of(State.USER_AUTH, State.AUTHENTICATED)) {
                b.add(Arguments.of(role, state, MatrixOracle.numbers(role, state, Outcome.UNIMPLEMENTED, Outcome.IGNORED)));
            }
        }
        return b.build();
    }

    /**
     * Unrecognized numbers get UNIMPLEMENTED with their own sequence number, in order, and the
     * ignored ones nothing; afterwards the connection works and its state is unchanged.
     */
    @ParameterizedTest(name = "secsh {0}, {1}")
    @MethodSource("quiet")
    void unrecognizedMessagesGetUnimplemented(Role role, State state, List<Integer> numbers) throws Exception {
        try (MatrixScenario s = MatrixScenario.reach(role, state)) {
            List<Integer> ignoredSince = new ArrayList<>();
            for (int n : numbers) {
                int seq = s.evil.send(MatrixOracle.sample(n));
                if (MatrixOracle.expected(role, state, n) == Outcome.IGNORED) {
                    ignoredSince.add(n);
                    continue;
                }
                Packet p = s.evil.read();
                assertNotNull(p, "secsh closed after message " + n + " (ignored before: " + ignoredSince + ")");
                assertEquals(MessageNumbers.name(MessageNumbers.UNIMPLEMENTED), MessageNumbers.name(p.number()),
                        "answer to message " + n + " (ignored before: " + ignoredSince + ")");
                assertEquals(seq, p.reader().readUint32("sequence number"), "sequence number in UNIMPLEMENTED for " + n);
                ignoredSince.clear();
            }
            probe(s, state, ignoredSince);
            s.assertNoSideEffect();
        }
    }

    /** Shows the connection alive and its state unchanged, with nothing sent before the answer. */
    private static void probe(MatrixScenario s, State state, List<Integer> ignored) throws Exception {
        String after = "first answer after the ignored " + ignored;
        if (state == State.AUTHENTICATED) {
            s.evil.send(new WireWriter(64).writeByte(MessageNumbers.GLOBAL_REQUEST).writeUtf8("probe@secsh.test")
                    .writeBoolean(true).toByteArray());
            assertEquals(MessageNumbers.name(MessageNumbers.REQUEST_FAILURE), MessageNumbers.name(s.evil.read().number()),
                    after);
        } else if (s.role == Role.SERVER) {
            s.evil.send(MatrixOracle.sample(MessageNumbers.USERAUTH_REQUEST));
            assertEquals(MessageNumbers.name(MessageNumbers.USERAUTH_FAILURE), MessageNumbers.name(s.evil.read().number()),
                    after + " (the server must still want authentication)");
        } else {
            s.evil.send(MatrixOracle.sample(MessageNumbers.USERAUTH_FAILURE));
            Packet p = s.evil.read();
            assertEquals(MessageNumbers.name(MessageNumbers.USERAUTH_REQUEST), MessageNumbers.name(p.number()), after);
            WireReader r = p.reader();
            r.readUtf8("user");
            r.readUtf8("service");
            assertEquals("password", r.readUtf8("method"), "the client goes on with the password");
            assertFalse(s.upper.isDone(), "the client's login ended");
        }
    }
    // ---- named cases ----

    /** A session and an exec pipelined before authentication (libssh CVE-2018-10933's shape): nothing runs. */
    @Test
    void sessionAndExecBeforeAuthentication() throws Exception {
        try (MatrixScenario s = MatrixScenario.reach(Role.SERVER, State.USER_AUTH)) {
            s.evil.send(new WireWriter(64).writeByte(MessageNumbers.CHANNEL_OPEN).writeUtf8("session").writeUint32(0)
                    .writeUint32(1 << 20).writeUint32(32768).toByteArray());
            try {
                s.evil.send(new WireWriter(64).writeByte(MessageNumbers.CHANNEL_REQUEST).writeUint32(0)
                        .writeUtf8("exec").writeBoolean(true).writeUtf8("touch /tmp/pwned").toByteArray());
            } catch (IOException alreadyHungUp) {
                // secsh may have disconnected on the open before the exec went out: just as good
            }
            assertOnlyDisconnect(s.evil.readToEnd(), MessageNumbers.CHANNEL_OPEN);
            SshUnexpectedMessageException e = assertInstanceOf(SshUnexpectedMessageException.class, s.upperFailure());
            assertEquals(MessageNumbers.CHANNEL_OPEN, e.received());
            s.assertNoSideEffect();
        }
    }

    /** tcpip-forward before authentication: no listener, the policy is never asked. */
    @Test
    void tcpipForwardBeforeAuthentication() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (MatrixScenario s = MatrixScenario.reach(Role.SERVER, State.USER_AUTH)) {
            s.evil.send(new WireWriter(64).writeByte(MessageNumbers.GLOBAL_REQUEST).writeUtf8("tcpip-forward")
                    .writeBoolean(true).writeUtf8("127.0.0.1").writeUint32(port).toByteArray());
            assertOnlyDisconnect(s.evil.readToEnd(), MessageNumbers.GLOBAL_REQUEST);
            SshUnexpectedMessageException e = assertInstanceOf(SshUnexpectedMessageException.class, s.upperFailure());
            assertEquals(MessageNumbers.GLOBAL_REQUEST, e.received());
            s.assertNoSideEffect();
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is still free: nothing listened on it");
        }
    }

    /** Client: USERAUTH_SUCCESS in answer to SERVICE_REQUEST, before any authentication request. */
    @Test
    void unsolicitedUserauthSuccess() throws Exception {
        try (MatrixScenario s = MatrixScenario.keyed(Role.CLIENT, MatrixScenario.PASSWORD)) {
            s.evil.expect(MessageNumbers.SERVICE_REQUEST);
            s.evil.send(new byte[] {MessageNumbers.USERAUTH_SUCCESS});
            assertOnlyDisconnect(s.evil.readToEnd(), MessageNumbers.USERAUTH_SUCCESS);
            SshUnexpectedMessageException e = assertInstanceOf(SshUnexpectedMessageException.class, s.upperFailure(),
                    "the client must not log in");
            assertEquals(MessageNumbers.USERAUTH_SUCCESS, e.received());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reasonCode());
        }
    }

    /**
     * Client: PK_OK naming another key while the client's own key is being offered (the case of
     * {@code UserAuthHostileTest.pkOkForAKeyNeverOffered} with a publickey query really running).
     * The client must not sign: its only answer is DISCONNECT.
     */
    @Test
    void pkOkForAnotherKeyThanTheOneOffered() throws Exception {
        SshKeyPair ours = AuthPeers.ed25519();
        SshKeyPair stranger = AuthPeers.ed25519();
        try (MatrixScenario s = MatrixScenario.keyed(Role.CLIENT, ClientAuthConfig.builder("robey").key(ours).build())) {
            s.evil.expect(MessageNumbers.SERVICE_REQUEST);
            s.evil.send(MatrixOracle.sample(MessageNumbers.SERVICE_ACCEPT));
            s.evil.expect(MessageNumbers.USERAUTH_REQUEST);
            s.evil.send(new WireWriter(32).writeByte(MessageNumbers.USERAUTH_FAILURE).writeUtf8("publickey")
                    .writeBoolean(false).toByteArray());
            WireReader query = s.evil.expect(MessageNumbers.USERAUTH_REQUEST).reader();
            query.readUtf8("user");
            query.readUtf8("service");
            assertEquals("publickey", query.readUtf8("method"));
            assertFalse(query.readBoolean("has signature"), "the client offers its key first");
            s.evil.send(new WireWriter(128).writeByte(MessageNumbers.USERAUTH_PK_OK).writeUtf8("ssh-ed25519")
                    .writeString(stranger.publicKey().blob()).toByteArray());
            assertOnlyDisconnect(s.evil.readToEnd(), MessageNumbers.USERAUTH_PK_OK);
            SshException e = assertInstanceOf(SshProtocolException.class, s.upperFailure());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reasonCode());
        }
    }

    /**
     * While secsh's own rekey waits for the peer's KEXINIT, a PING gets no PONG (as OpenSSH) and an
     * unknown number still gets UNIMPLEMENTED at once. Before the fix in ReaderLoop both replies
     * went through Transport.send, which waits for the key exchange that only the (now waiting)
     * reader thread can run: the connection stalled for two minutes. To see it fail, make onPing
     * call {@code t.send(w.array(), 0, w.length())} again.
     */
    @Test
    @Timeout(10)
    void pingDuringOurRekeyDoesNotStallTheReader() throws Exception {
        try (MatrixScenario s = MatrixScenario.reach(Role.SERVER, State.AUTHENTICATED)) {
            s.transport.rekey();
            s.evil.expect(MessageNumbers.KEXINIT);
            s.evil.send(MatrixOracle.sample(MessageNumbers.PING));
            int seq = s.evil.send(MatrixOracle.sample(15));
            Packet p = s.evil.read();
            assertNotNull(p, "secsh closed");
            assertEquals(MessageNumbers.name(MessageNumbers.UNIMPLEMENTED), MessageNumbers.name(p.number()));
            assertEquals(seq, p.reader().readUint32("sequence number"));
        }
    }
}
