package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.auth.UserAuthClient;
import ssh.connection.SshServer;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * One named regression test per published SSH advisory about acting on a message in the wrong
 * state, each run against secsh in the role the advisory attacked. Every test states the advisory
 * in one line, the attack, and the change to main code that removes the protection (each of them
 * was made once in a scratch copy, and the test failed). Key-authentication advisories are in
 * {@link CveAuthRegressionTest}, transport ones in {@link CveTransportRegressionTest}, compression
 * bombs in {@link CveCompressionBombTest}.
 */
@Timeout(30)
class CveRegressionTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PWNED = "touch /tmp/pwned";

    /** Every command secsh's server was asked to run: none may ever run before login. */
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** A secsh server on loopback (password robey/foo) whose exec handler only records the command. */
    private SshServer server() throws Exception {
        SshServer s = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .exec(session -> {
                    commands.add(session.command());
                    return 0;
                }).start();
        cleanup.add(s);
        return s;
    }

    /** A raw client: a real key exchange with {@code server}, then nothing but what the test sends. */
    private Transport rawClient(SshServer server) throws Exception {
        TransportConfig config = TransportConfig.client().hostKeyVerifier((h, p, k) -> true).build();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        Transport t = Transport.client(socket, config, "localhost", server.port(), WAIT);
        cleanup.add(t);
        return t;
    }

    /** The attacker's goal: a session channel and an exec in it, sent at once without waiting for answers. */
    static void openSessionAndExec(Transport raw) {
        try {
            AuthPeers.send(raw, MessageNumbers.CHANNEL_OPEN, "session", 0, 1 << 20, 32768);
            AuthPeers.send(raw, MessageNumbers.CHANNEL_REQUEST, 0, "exec", true, PWNED);
            AuthPeers.send(raw, MessageNumbers.CHANNEL_EOF, 0);
        } catch (SshException alreadyDisconnected) {
            // the server may end the connection at the first message out of place: read on to see how
        }
    }

    /**
     * Reads what the server answers until it disconnects: it must end the connection with
     * PROTOCOL_ERROR, never confirm a channel, a request or a login, and run no command.
     */
    private void refusedWithoutAuthentication(Transport raw) throws Exception {
        List<String> got = new ArrayList<>();
        SshException end = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (end == null && System.nanoTime() < deadline) {
            try {
                got.add(MessageNumbers.name(raw.receive(Duration.ofMillis(200)).messageNumber()));
            } catch (SshTimeoutException quiet) {
                continue;
            } catch (SshException e) {
                end = e;
            }
        }
        Thread.sleep(100);
        assertEquals(List.of(), commands, "a command ran for a client that never logged in; it got " + got);
        for (int n : new int[] {MessageNumbers.USERAUTH_SUCCESS, MessageNumbers.CHANNEL_OPEN_CONFIRMATION,
            MessageNumbers.CHANNEL_SUCCESS, MessageNumbers.REQUEST_SUCCESS}) {
            assertFalse(got.contains(MessageNumbers.name(n)), "the unauthenticated client got " + got);
        }
        SshException e = assertInstanceOf(SshDisconnectException.class, end,
                () -> "the server did not disconnect within " + WAIT + "; it sent " + got);
        assertEquals(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR), DisconnectReason.name(e.reasonCode()),
                e::toString);
    }

    // ---- libssh CVE-2018-10933 ----

    /**
     * libssh CVE-2018-10933: a libssh server took a client's SSH_MSG_USERAUTH_SUCCESS as a finished login.
     * Attack: after SERVICE_ACCEPT the client sends USERAUTH_SUCCESS instead of a request, then opens
     * a session and asks for exec. To see it fail: in {@code UserAuthServer.run}, before the final
     * {@code else throw}, add {@code else if (msg == MessageNumbers.USERAUTH_SUCCESS) return new
     * AuthenticatedUser("", succeeded, context.granted);} (act on the message whatever the role).
     */
    @Test
    void libssh_CVE_2018_10933_userauthSuccessFromClient() throws Exception {
        Transport raw = rawClient(server());
        raw.requestService("ssh-userauth", WAIT);
        AuthPeers.send(raw, MessageNumbers.USERAUTH_SUCCESS);
        openSessionAndExec(raw);
        refusedWithoutAuthentication(raw);
    }

    // ---- paramiko CVE-2018-7750 ----

    /**
     * paramiko CVE-2018-7750: the server did not check that authentication had completed before
     * serving channel-open. Attack: a client that skips authentication (with or without asking for
     * the ssh-userauth service) and opens a session and runs a command. To see it fail: in
     * {@code SshServer.serveLoggedOut}, replace {@code UserAuthServer.authenticate(transport, auth)}
     * by {@code new AuthenticatedUser("robey", List.of(), List.of())} (no authentication gate); the
     * case without a service request then runs the command.
     */
    @ParameterizedTest(name = "service requested first: {0}")
    @ValueSource(booleans = {false, true})
    void paramiko_CVE_2018_7750_channelOpenWithoutAuthentication(boolean serviceFirst) throws Exception {
        Transport raw = rawClient(server());
        if (serviceFirst) {
            raw.requestService("ssh-userauth", WAIT);
        }
        openSessionAndExec(raw);
        refusedWithoutAuthentication(raw);
    }

    // ---- paramiko CVE-2018-1000805 ----

    /**
     * paramiko CVE-2018-1000805: the server acted on messages only a server may send (the client's
     * USERAUTH_SUCCESS logged it in). Attack: during authentication the client sends each message of
     * the server's role, then opens a session and runs a command. To see it fail: the change given
     * for CVE-2018-10933 (the USERAUTH_SUCCESS case runs the command); replacing the final
     * {@code else throw} of {@code UserAuthServer.run} by {@code else continue;} (ignore what is out
     * of place) fails every case: the server no longer disconnects.
     */
    @ParameterizedTest(name = "client sends {0}")
    @ValueSource(ints = {MessageNumbers.SERVICE_ACCEPT, MessageNumbers.USERAUTH_FAILURE,
            MessageNumbers.USERAUTH_SUCCESS, MessageNumbers.USERAUTH_BANNER, MessageNumbers.USERAUTH_PK_OK})
    void paramiko_CVE_2018_1000805_serverOnlyMessageFromClient(int number) throws Exception {
        Transport raw = rawClient(server());
        raw.requestService("ssh-userauth", WAIT);
        switch (number) {
            case MessageNumbers.SERVICE_ACCEPT -> AuthPeers.send(raw, number, "ssh-connection");
            case MessageNumbers.USERAUTH_FAILURE -> AuthPeers.send(raw, number, "publickey", true);
            case MessageNumbers.USERAUTH_BANNER -> AuthPeers.send(raw, number, "hello", "");
            case MessageNumbers.USERAUTH_PK_OK -> AuthPeers.send(raw, number, "ssh-ed25519",
                    AuthPeers.ed25519().publicKey().blob());
            default -> AuthPeers.send(raw, number);
        }
        openSessionAndExec(raw);
        refusedWithoutAuthentication(raw);
    }

    /**
     * The same advisory with the roles swapped: during authentication a server sends what only a
     * client may send (SERVICE_REQUEST, USERAUTH_REQUEST); the client must disconnect, not carry
     * on. To see it fail: in {@code UserAuthClient}'s answer loop, replace the default branch's
     * {@code throw new SshUnexpectedMessageException("a USERAUTH reply", msg)} by a log line (the
     * client then waits for a real answer and the test times out).
     */
    @ParameterizedTest(name = "server sends {0}")
    @ValueSource(ints = {MessageNumbers.SERVICE_REQUEST, MessageNumbers.USERAUTH_REQUEST})
    void paramiko_CVE_2018_1000805_clientOnlyMessageFromServer(int number) throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<Void> evil = RawConnectionPeer.async(() -> {
                p.server.receive(WAIT);  // the client's SERVICE_REQUEST
                AuthPeers.send(p.server, MessageNumbers.SERVICE_ACCEPT, "ssh-userauth");
                p.server.receive(WAIT);  // the client's first USERAUTH_REQUEST
                if (number == MessageNumbers.SERVICE_REQUEST) {
                    AuthPeers.send(p.server, number, "ssh-userauth");
                } else {
                    AuthPeers.send(p.server, number, "robey", "ssh-connection", "none");
                }
                return null;
            });
            ClientAuthConfig credentials = ClientAuthConfig.builder("robey")
                    .password(PasswordPrompt.of("foo".toCharArray())).build();
            SshProtocolException e = assertThrows(SshProtocolException.class,
                    () -> UserAuthClient.authenticate(p.client, credentials));
            assertEquals(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR), DisconnectReason.name(e.reasonCode()));
            evil.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertFalse(p.client.isOpen(), "the client carried on");
        }
    }

    // ---- Erlang/OTP CVE-2025-32433 ----

    /**
     * Erlang/OTP CVE-2025-32433: the server handled connection-protocol messages sent before
     * authentication, so CHANNEL_OPEN and CHANNEL_REQUEST exec ran commands unauthenticated.
     * Attack: those messages (and a tcpip-forward) at each point before login: straight after key
     * exchange, after SERVICE_ACCEPT, after a failed password. To see it fail: replace the final
     * {@code else throw} of {@code UserAuthServer.run} by {@code else if (msg >= 80) continue;}
     * (no disconnect: every case fails), or remove the authentication gate as for CVE-2018-7750 (the
     * first case runs the command).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"after key exchange", "after SERVICE_ACCEPT", "after a failed password",
            "tcpip-forward after SERVICE_ACCEPT"})
    void erlangOtp_CVE_2025_32433_connectionMessagesBeforeAuthentication(String when) throws Exception {
        Transport raw = rawClient(server());
        if (!when.equals("after key exchange")) {
            raw.requestService("ssh-userauth", WAIT);
        }
        if (when.equals("after a failed password")) {
            AuthPeers.send(raw, MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-connection", "password", false,
                    "wrong");
            Payload p = raw.receive(WAIT);
            assertEquals(MessageNumbers.name(MessageNumbers.USERAUTH_FAILURE), MessageNumbers.name(p.messageNumber()));
        }
        if (when.startsWith("tcpip-forward")) {
            AuthPeers.send(raw, MessageNumbers.GLOBAL_REQUEST, "tcpip-forward", true, "127.0.0.1", 0);
        } else {
            openSessionAndExec(raw);
        }
        refusedWithoutAuthentication(raw);
    }

    /** The control: the same harness, with a real login first, does run the command. */
    @Test
    void controlAfterLoginTheCommandRuns() throws Exception {
        Transport raw = rawClient(server());
        UserAuthClient.authenticate(raw, RawConnectionPeer.credentials());
        openSessionAndExec(raw);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (commands.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(PWNED), commands);
    }
}
