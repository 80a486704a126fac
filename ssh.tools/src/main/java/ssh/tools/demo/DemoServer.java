package ssh.tools.demo;

import java.io.IOException;
import java.util.Map;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.KeyboardInteractiveAuthenticator;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.connection.SshServer;

/**
 * The demo server: the BBS on every shell, the original's login robey/foo by password or
 * keyboard-interactive, and a fresh Ed25519 host key per run. Exec and forwarding are off.
 */
public final class DemoServer {
    /** The original demo's port. */
    public static final int PORT = 2200;
    static final String USER = "robey";
    static final String PASSWORD = "foo";

    private DemoServer() {
    }

    /** A new Ed25519 host key from the default provider chain. */
    public static SshKeyPair newHostKey() throws SshException {
        return SshKeyCodec.keyPair("ssh-ed25519",
                AlgorithmRegistry.installed().providerChain(null).generateKeyPair(Primitive.ED25519, 0));
    }

    /** Starts the demo on {@code port} (0 for any free port) of the loopback address. */
    public static SshServer start(int port, SshKeyPair hostKey) throws IOException {
        PasswordAuthenticator robey = PasswordAuthenticator.of(Map.of(USER, PASSWORD));
        return SshServer.builder()
                .hostKey(hostKey)
                .port(port)
                .auth(ServerAuthConfig.builder()
                        .password(robey)
                        .keyboardInteractive(KeyboardInteractiveAuthenticator.password(robey))
                        .banner("secsh demo BBS: log in as " + USER + " with password " + PASSWORD + "\n")
                        .build())
                .shell(new Bbs(new Board()))
                .exec(null)
                .start();
    }
}
