package ssh.test.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthClient;
import ssh.connection.SshServer;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * User-auth and connection messages from a fuzzed peer, after a real key exchange over an
 * in-memory pipe: the server side (UserAuthServer, then the connection layer with a Java exec
 * handler) must end every run with at most an SshException, within the timeout. One target sends
 * the fuzz messages before login, the other after a real password login.
 */
class SessionFuzzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final SshServer SERVER = server();
    private static final ServerSocket LISTENER = listener();

    private static ServerSocket listener() {
        try {
            return new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SshServer server() {
        try {
            SshKeyPair key = SshKeyCodec.keyPair("ssh-ed25519",
                    AlgorithmRegistry.load().providerChain(null).generateKeyPair(Primitive.ED25519, 0));
            return SshServer.builder().hostKey(key).port(0)
                    .transport(t -> t.kexAlgorithms("curve25519-sha256").ciphers("aes128-ctr")
                            .macs("hmac-sha2-256-etm@openssh.com"))
                    .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo")))
                            .failureDelay(Duration.ZERO).loginGraceTime(TIMEOUT).build())
                    .exec(s -> {
                        s.stdin().transferTo(s.stdout());
                        return 0;
                    })
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(FuzzedDataProvider data, boolean loggedIn) {
        Targets.expectOnlySshExceptions(() -> {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = LISTENER.accept()) {
                    SERVER.serve(Transport.server(socket, SERVER.transportConfig(), TIMEOUT));
                } catch (SshException expected) {
                    // the server refused the input: fine
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Thread::startVirtualThread);
            TransportConfig config = TransportConfig.client().hostKeyVerifier((h, p, k) -> true)
                    .kexAlgorithms("curve25519-sha256").ciphers("aes128-ctr").macs("hmac-sha2-256-etm@openssh.com")
                    .build();
            try (Transport client = Transport.client(new Socket(InetAddress.getLoopbackAddress(), LISTENER.getLocalPort()),
                    config, "fuzz", 0, TIMEOUT)) {
                if (loggedIn) {
                    UserAuthClient.authenticate(client, ClientAuthConfig.builder("robey")
                            .password(PasswordPrompt.of("foo".toCharArray())).build());
                } else if (data.consumeBoolean()) {
                    client.requestService("ssh-userauth", TIMEOUT);
                }
                while (data.remainingBytes() > 0) {
                    byte[] payload = data.consumeBytes(data.consumeInt(1, 512));
                    if (payload.length == 0) {
                        break;
                    }
                    payload[0] = (byte) (loggedIn ? 80 + Math.floorMod(payload[0], 21) : 50 + Math.floorMod(payload[0], 30));
                    client.send(payload, 0, payload.length);
                }
            } catch (SshException peerEnded) {
                // the server disconnected us: fine
            }
            served.get(2 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        });
    }

    @FuzzTest(maxDuration = "10m")
    void authMessagesBeforeLogin(FuzzedDataProvider data) {
        run(data, false);
    }

    @FuzzTest(maxDuration = "10m")
    void connectionMessagesAfterLogin(FuzzedDataProvider data) {
        run(data, true);
    }
}
