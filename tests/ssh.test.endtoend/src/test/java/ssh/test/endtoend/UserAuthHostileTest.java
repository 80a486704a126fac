package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.auth.AuthenticatedUser;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthClient;
import ssh.auth.keys.KeyOptions;
import ssh.transport.Payload;
import ssh.transport.Transport;

/**
 * Bad user-auth input in both roles: each case ends with DISCONNECT and the RFC's reason code, or
 * for a bad credential with USERAUTH_FAILURE that tells nothing about which part was wrong.
 */
class UserAuthHostileTest {
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final ServerAuthConfig PASSWORDS = ServerAuthConfig.builder()
            .password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build();

    /** Runs the server with {@code config}, lets {@code evil} talk raw to it, and checks how it ended. */
    private static void serverDisconnects(ServerAuthConfig config, int reason, RawClient evil) throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> server = AuthPeers.serve(p.server, config);
            evil.talk(p.client);
            SshException e = AuthPeers.serverFailure(server);
            assertEquals(reason, e.reasonCode(), e.toString());
            assertThrows(SshException.class, () -> {
                while (true) {
                    p.client.receive(SHORT);
                }
            });
            SshDisconnectException seen = assertInstanceOf(SshDisconnectException.class, p.client.failure());
            assertEquals(reason, seen.reasonCode());
        }
    }

    interface RawClient {
        void talk(Transport client) throws Exception;
    }

    private static void acceptedService(Transport client) throws SshException {
        client.requestService("ssh-userauth", SHORT);
    }

    @Test
    void authRequestBeforeServiceRequest() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.PROTOCOL_ERROR, c -> AuthPeers.send(c,
                MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-connection", "none"));
    }

    @Test
    void unknownServiceRequested() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.SERVICE_NOT_AVAILABLE,
                c -> AuthPeers.send(c, MessageNumbers.SERVICE_REQUEST, "ssh-connection"));
    }

    @Test
    void wrongServiceInAuthRequest() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.SERVICE_NOT_AVAILABLE, c -> {
            acceptedService(c);
            AuthPeers.send(c, MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-bogus", "none");
        });
    }

    @Test
    void oversizeUserName() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.PROTOCOL_ERROR, c -> {
            acceptedService(c);
            AuthPeers.send(c, MessageNumbers.USERAUTH_REQUEST, "r".repeat(100_000), "ssh-connection", "none");
        });
    }

    @Test
    void userNameChangesMidway() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.PROTOCOL_ERROR, c -> {
            acceptedService(c);
            AuthPeers.send(c, MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-connection", "none");
            assertEquals(MessageNumbers.USERAUTH_FAILURE, c.receive(SHORT).messageNumber());
            AuthPeers.send(c, MessageNumbers.USERAUTH_REQUEST, "root", "ssh-connection", "password", false, "foo");
        });
    }

    @Test
    void channelOpenBeforeAuthentication() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.PROTOCOL_ERROR, c -> {
            acceptedService(c);
            AuthPeers.send(c, MessageNumbers.CHANNEL_OPEN, "session", 0, 1 << 20, 32768);
        });
    }

    @Test
    void clientSendsUserauthSuccess() throws Exception {
        serverDisconnects(PASSWORDS, DisconnectReason.PROTOCOL_ERROR, c -> {
            acceptedService(c);
            AuthPeers.send(c, MessageNumbers.USERAUTH_SUCCESS);
        });
    }

    @Test
    void tooManyFailuresEndsAfterMaxAuthTries() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        serverDisconnects(PASSWORDS, DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, c -> {
            acceptedService(c);
            for (int i = 0; i < ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES; i++) {
                AuthPeers.send(c, MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-connection", "password", false,
                        "guess" + i);
                if (i < ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES - 1) {
                    assertEquals(MessageNumbers.USERAUTH_FAILURE, c.receive(SHORT).messageNumber());
                    failures.incrementAndGet();
                }
            }
        });
        assertEquals(ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES - 1, failures.get());
    }

    /** As in OpenSSH, a "none" request opening the exchange is free, and every later one counts as a failure. */
    @Test
    void onlyTheOpeningNoneIsNotAFailure() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        serverDisconnects(PASSWORDS, DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, c -> {
            acceptedService(c);
            for (int i = 0; i <= ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES; i++) {
                AuthPeers.send(c, MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-connection", "none");
                if (i < ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES) {
                    assertEquals(MessageNumbers.USERAUTH_FAILURE, c.receive(SHORT).messageNumber());
                    failures.incrementAndGet();
                }
            }
        });
        assertEquals(ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES, failures.get());
    }

    @Test
    void loginGraceTimeEndsASlowClient() throws Exception {
        ServerAuthConfig quick = ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of()))
                .loginGraceTime(Duration.ofMillis(300)).build();
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> server = AuthPeers.serve(p.server, quick);
            acceptedService(p.client);
            assertInstanceOf(SshTimeoutException.class, AuthPeers.serverFailure(server));
            assertThrows(SshException.class, () -> p.client.receive(SHORT));
            assertEquals(DisconnectReason.BY_APPLICATION, p.client.failure().reasonCode());
        }
    }

    @Test
    void signatureOverAnotherSessionIsRefused() throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        PublicKeyAuthenticator allowed = (u, k, from) -> Optional.of(KeyOptions.NONE);
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            AuthPeers.serve(p.server, ServerAuthConfig.builder().publicKey(allowed).build());
            acceptedService(p.client);
            byte[] otherSession = p.client.sessionId();
            otherSession[0] ^= 1;
            WireWriter request = new WireWriter(256).writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8("robey")
                    .writeUtf8("ssh-connection").writeUtf8("publickey").writeBoolean(true).writeUtf8("ssh-ed25519")
                    .writeString(key.publicKey().blob());
            WireWriter signed = new WireWriter(512).writeString(otherSession)
                    .writeBytes(request.array(), 0, request.length());
            byte[] signature = AlgorithmRegistry.load().find(AlgorithmFamily.PUBLIC_KEY, "ssh-ed25519").orElseThrow()
                    .sign(key, Arrays.copyOf(signed.array(), signed.length()), Peers.crypto());
            request.writeString(signature);
            p.client.send(request.array(), 0, request.length());
            assertEquals(MessageNumbers.USERAUTH_FAILURE, p.client.receive(SHORT).messageNumber());
        }
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            AuthPeers.serve(p.server, ServerAuthConfig.builder().maxAuthTries(100)
                    .password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build());
            acceptedService(p.client);
            AuthPeers.send(p.client, MessageNumbers.USERAUTH_REQUEST, "robey", "ssh-connection", "password", false,
                    "bar");
            Payload wrongPassword = p.client.receive(SHORT);
            // a new connection, since the user name may not change
            try (Peers q = Peers.connect(false, c -> c, s -> s)) {
                AuthPeers.serve(q.server, ServerAuthConfig.builder().maxAuthTries(100)
                        .password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build());
                acceptedService(q.client);
                AuthPeers.send(q.client, MessageNumbers.USERAUTH_REQUEST, "nobody", "ssh-connection", "password",
                        false, "bar");
                assertArrayEquals(wrongPassword.data(), q.client.receive(SHORT).data());
            }
        }
    }

    // Client role: a server that answers with messages the client never asked for.

    private static void clientRefuses(RawServer evil) throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try {
                    Payload service = p.server.receive(SHORT);
                    AuthPeers.send(p.server, MessageNumbers.SERVICE_ACCEPT, service.reader().readUtf8("service"));
                    assertEquals(MessageNumbers.USERAUTH_REQUEST, p.server.receive(SHORT).messageNumber());
                    evil.answer(p.server);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Thread::startVirtualThread);
            SshProtocolException e = assertThrows(SshProtocolException.class, () -> UserAuthClient.authenticate(
                    p.client, ClientAuthConfig.builder("robey").key(key)
                            .password(PasswordPrompt.of("foo".toCharArray())).build()));
            assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reasonCode());
            server.join();
            assertTrue(!p.client.isOpen());
        }
    }

    interface RawServer {
        void answer(Transport server) throws Exception;
    }

    @Test
    void pkOkForAKeyNeverOffered() throws Exception {
        SshKeyPair stranger = AuthPeers.ed25519();
        clientRefuses(s -> AuthPeers.send(s, MessageNumbers.USERAUTH_PK_OK, "ssh-ed25519",
                stranger.publicKey().blob()));
    }

    @Test
    void pkOkAfterAPasswordRequest() throws Exception {
        SshKeyPair stranger = AuthPeers.ed25519();
        clientRefuses(s -> {
            AuthPeers.send(s, MessageNumbers.USERAUTH_FAILURE, "password", false);
            assertEquals(MessageNumbers.USERAUTH_REQUEST, s.receive(SHORT).messageNumber());
            AuthPeers.send(s, MessageNumbers.USERAUTH_PK_OK, "ssh-ed25519", stranger.publicKey().blob());
        });
    }

    @Test
    void channelMessageDuringAuthentication() throws Exception {
        clientRefuses(s -> AuthPeers.send(s, MessageNumbers.CHANNEL_OPEN, "session", 0, 1 << 20, 32768));
    }
}
