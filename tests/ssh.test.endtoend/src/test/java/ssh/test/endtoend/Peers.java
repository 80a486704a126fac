package ssh.test.endtoend;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/** Connected secsh client and server transports, over an in-memory pipe or over loopback TCP. */
final class Peers implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    final Transport client;
    final Transport server;

    private Peers(Transport client, Transport server) {
        this.client = client;
        this.server = server;
    }

    static CryptoProvider crypto() throws SshException {
        return AlgorithmRegistry.load().providerChain(null);
    }

    static SshKeyPair hostKey(String keyType, Primitive primitive, int bits) throws SshException {
        return SshKeyCodec.keyPair(keyType, crypto().generateKeyPair(primitive, bits));
    }

    static List<SshKeyPair> defaultHostKeys() throws SshException {
        return List.of(hostKey("ssh-ed25519", Primitive.ED25519, 0));
    }

    static Peers connect(boolean overSocket, UnaryOperator<TransportConfig.Builder> client,
            UnaryOperator<TransportConfig.Builder> server) throws Exception {
        TransportConfig cc = client.apply(TransportConfig.client().hostKeyVerifier((h, p, k) -> true)).build();
        TransportConfig sc = server.apply(TransportConfig.server().hostKeys(defaultHostKeys())).build();
        if (overSocket) {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CompletableFuture<Transport> s = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Transport.server(listener.accept(), sc, TIMEOUT);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, Thread::startVirtualThread);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Transport c = Transport.client(socket, cc, "localhost", listener.getLocalPort(), TIMEOUT);
                return new Peers(c, s.join());
            }
        }
        MemoryPipe up = new MemoryPipe(1 << 20);
        MemoryPipe down = new MemoryPipe(1 << 20);
        Closeable closeBoth = () -> {
            up.close();
            down.close();
        };
        CompletableFuture<Transport> s = CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(sc, "client", 0, up.in, down.out, closeBoth, TIMEOUT);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, Thread::startVirtualThread);
        Transport c = Transport.start(cc, "server", 22, down.in, up.out, closeBoth, TIMEOUT);
        return new Peers(c, s.join());
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
