package ssh.test.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.SshClient;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The client's side of {@link SessionFuzzTest}: a fuzzed server, after a real key exchange over
 * loopback, sends user-auth messages (to a client offering publickey, password and
 * keyboard-interactive) or, after letting the client in, connection messages once the client has
 * opened its session channel. The server then half-closes, so the client reads everything before
 * it sees the end. The client (UserAuthClient, then SshClient's connection layer running
 * {@code exec}) must end every run with at most an SshException.
 */
class ClientSessionFuzzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ServerSocket LISTENER = listener();
    private static final SshKeyPair KEY = key();
    private static final TransportConfig SERVER = TransportConfig.server().hostKeys(List.of(KEY))
            .kexAlgorithms("curve25519-sha256").ciphers("aes128-ctr").macs("hmac-sha2-256-etm@openssh.com").build();

    private static ServerSocket listener() {
        try {
            return new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SshKeyPair key() {
        try {
            return SshKeyCodec.keyPair("ssh-ed25519",
                    AlgorithmRegistry.load().providerChain(null).generateKeyPair(Primitive.ED25519, 0));
        } catch (SshException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fuzzed server: the real handshake, then its script, then a half-close. */
    private static void serve(List<byte[]> messages, boolean letIn) {
        try (Socket socket = LISTENER.accept(); Transport server = Transport.server(socket, SERVER, TIMEOUT)) {
            server.receive(TIMEOUT);
            byte[] accept = new WireWriter(32).writeByte(MessageNumbers.SERVICE_ACCEPT).writeUtf8("ssh-userauth")
                    .toByteArray();
            server.send(accept, 0, accept.length);
            if (letIn) {
                server.receive(TIMEOUT);
                byte[] success = {(byte) MessageNumbers.USERAUTH_SUCCESS};
                server.send(success, 0, success.length);
                Payload p;
                do {
                    p = server.receive(TIMEOUT);
                } while (p.messageNumber() != MessageNumbers.CHANNEL_OPEN);
            }
            for (byte[] m : messages) {
                server.send(m, 0, m.length);
            }
            try {
                socket.shutdownOutput();
            } catch (IOException alreadyClosed) {
                return; // the transport ended the connection meanwhile
            }
            while (server.isOpen()) {
                server.receive(TIMEOUT);
            }
        } catch (SshException expected) {
            // the client hung up or the handshake failed: fine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(FuzzedDataProvider data, boolean letIn) {
        List<byte[]> messages = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] payload = data.consumeBytes(data.consumeInt(1, 512));
            if (payload.length == 0) {
                break;
            }
            payload[0] = (byte) (letIn ? 80 + Math.floorMod(payload[0], 21) : 50 + Math.floorMod(payload[0], 30));
            messages.add(payload);
        }
        List<byte[]> script = Collections.unmodifiableList(messages);
        Targets.expectOnlySshExceptions(() -> {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serve(script, letIn),
                    Thread::startVirtualThread);
            TransportConfig config = TransportConfig.client().hostKeyVerifier((h, p, k) -> true)
                    .kexAlgorithms("curve25519-sha256").ciphers("aes128-ctr").macs("hmac-sha2-256-etm@openssh.com")
                    .build();
            ClientAuthConfig auth = ClientAuthConfig.builder("robey").key(KEY)
                    .password(PasswordPrompt.of("foo".toCharArray()))
                    .keyboardInteractive((name, instruction, prompts) -> prompts.stream().map(p -> "foo").toList())
                    .timeout(TIMEOUT).build();
            Transport transport = Transport.client(new Socket(InetAddress.getLoopbackAddress(), LISTENER.getLocalPort()),
                    config, "fuzz", 0, TIMEOUT);
            try (SshClient client = SshClient.builder("fuzz", 0).over(transport, auth)) {
                client.exec("fuzz", TIMEOUT);
            } catch (SshException peerEnded) {
                // the server sent something we refused, or hung up: fine
            } finally {
                transport.close();
            }
            served.get(3 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        });
    }

    @FuzzTest(maxDuration = "10m")
    void clientReadsAuthMessages(FuzzedDataProvider data) {
        run(data, false);
    }

    @FuzzTest(maxDuration = "10m")
    void clientReadsConnectionMessages(FuzzedDataProvider data) {
        run(data, true);
    }
}
