package ssh.test.javapeers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

/**
 * An Apache MINA SSHD server on 127.0.0.1 offering one key-exchange method, with an ECDSA P-256
 * host key, password login and {@link XorEcho} as every exec command. It keeps the session of
 * the last command it started, to ask what MINA negotiated.
 */
final class MinaServerPeer implements AutoCloseable {
    private final SshServer sshd = SshServer.setUpDefaultServer();
    private final KeyPair hostKey;
    private final CompletableFuture<ServerSession> session = new CompletableFuture<>();

    MinaServerPeer(BuiltinDHFactories kex, String user, String password) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        hostKey = g.generateKeyPair();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, List.of(kex), ServerBuilder.DH2KEX));
        sshd.setPasswordAuthenticator((u, p, s) -> user.equals(u) && password.equals(p));
        sshd.setCommandFactory((channel, command) -> new Xor());
        sshd.start();
    }

    int port() {
        return sshd.getPort();
    }

    /** The host key's public half as an OpenSSH line's "type base64". */
    String hostKeyLine() {
        return PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** MINA's session, once a command has started on it. */
    ServerSession session() throws Exception {
        return session.get(SecshServerPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** XorEcho as a MINA command, on its own thread. */
    private final class Xor implements Command {
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Thread thread;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            session.complete(channel.getSession());
            thread = Thread.ofVirtual().name("mina-xor").start(() -> {
                try {
                    err.write(XorEcho.pump(in, out).getBytes(StandardCharsets.US_ASCII));
                    err.flush();
                    exit.onExit(0);
                } catch (IOException e) {
                    exit.onExit(1, e.toString());
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
