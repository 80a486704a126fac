package ssh.test.vendorcipher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/** A secsh client and server transport connected over loopback TCP, both using one registry. */
final class Loopback implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    final Transport client;
    final Transport server;

    private Loopback(Transport client, Transport server) {
        this.client = client;
        this.server = server;
    }

    /** Connects a client and a server configured by {@code client} and {@code server}; both finish key exchange. */
    static Loopback connect(AlgorithmRegistry registry, UnaryOperator<TransportConfig.Builder> client,
            UnaryOperator<TransportConfig.Builder> server) throws Exception {
        SshKeyPair hostKey = SshKeyCodec.keyPair("ssh-ed25519",
                registry.providerChain(null).generateKeyPair(Primitive.ED25519, 0));
        TransportConfig cc = client.apply(TransportConfig.client().registry(registry)
                .hostKeyVerifier((host, port, key) -> true)).build();
        TransportConfig sc = server.apply(TransportConfig.server().registry(registry)
                .hostKeys(List.of(hostKey))).build();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Transport> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return Transport.server(listener.accept(), sc, TIMEOUT);
                } catch (IOException e) { // SshException included
                    throw new UncheckedIOException("server side: " + e.getMessage(), e);
                }
            }, Thread::startVirtualThread);
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Transport c = Transport.client(socket, cc, "localhost", listener.getLocalPort(), TIMEOUT);
            return new Loopback(c, accepted.join());
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
