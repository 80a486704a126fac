package ssh.tools.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.transport.NegotiatedAlgorithms;

/**
 * The demo end to end, with no outside server: starts the demo BBS server, connects to it with
 * the client as robey/foo, shows the negotiated algorithms and the host key's fingerprint, posts
 * and reads a message without a terminal, and exits 0 when the BBS showed the message back.
 */
public final class Demo {
    private static final String SUBJECT = "Hello from the secsh demo";
    private static final String SCRIPT = String.join("\n", "l", "p", SUBJECT,
            "This message went through key exchange, authentication and a session channel.", ".", "l", "r 1",
            "q", "");

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run());
    }

    static int run() throws Exception {
        SshKeyPair hostKey = DemoServer.newHostKey();
        String fingerprint = Fingerprints.sha256(hostKey.publicKey(), AlgorithmRegistry.installed().providerChain(null));
        try (SshServer server = startServer(hostKey)) {
            System.out.println("demo server listening on 127.0.0.1:" + server.port() + ", host key "
                    + hostKey.publicKey().type() + " " + fingerprint);
            ClientAuthConfig auth = ClientAuthConfig.builder(DemoServer.USER)
                    .password(PasswordPrompt.of(DemoServer.PASSWORD.toCharArray()))
                    .banner(b -> System.out.print("banner: " + b))
                    .build();
            try (SshClient client = SshClient.builder("127.0.0.1", server.port())
                    .hostKeyVerifier((host, port, key) -> key.equals(hostKey.publicKey()))
                    .connect(auth)) {
                NegotiatedAlgorithms n = client.connection().transport().negotiated();
                System.out.println("connected: " + client.connection().transport().peerVersion());
                System.out.println("  kex:       " + n.kex());
                System.out.println("  host key:  " + n.hostKey() + " " + fingerprint);
                System.out.println("  cipher:    " + n.cipherClientToServer() + " / " + n.cipherServerToClient());
                System.out.println("  MAC:       " + mac(n.macClientToServer()) + " / " + mac(n.macServerToClient()));
                System.out.println("  auth:      " + String.join(",", client.authMethods()) + " as "
                        + DemoServer.USER);
                return walkTheBoard(client);
            }
        }
    }

    /** OpenSSH's word for the MAC of an AEAD cipher. */
    private static String mac(String name) {
        return name == null ? "<implicit>" : name;
    }

    private static SshServer startServer(SshKeyPair hostKey) throws IOException {
        try {
            return DemoServer.start(DemoServer.PORT, hostKey);
        } catch (BindException e) {
            System.out.println("port " + DemoServer.PORT + " is busy; using a free port instead");
            return DemoServer.start(0, hostKey);
        }
    }

    private static int walkTheBoard(SshClient client) throws SshException, IOException {
        try (Session session = client.openSession()) {
            session.shell();
            OutputStream in = session.getOutputStream();
            in.write(SCRIPT.getBytes(StandardCharsets.UTF_8));
            session.shutdownOutput();
            String out = new String(session.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            out.lines().forEach(l -> System.out.println("  | " + l));
            Session.ExitStatus exit = session.waitFor(Duration.ofSeconds(30));
            boolean ok = exit.success() && out.contains("#1 " + SUBJECT) && out.contains("Goodbye");
            System.out.println(ok ? "demo: OK" : "demo: FAILED (exit " + exit + ")");
            return ok ? 0 : 1;
        }
    }
}
