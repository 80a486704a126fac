package ssh.bench;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.auth.ClientAuthConfig;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyOptions;
import ssh.connection.ExecResult;
import ssh.connection.SshClient;

/**
 * The peers of {@link Handshakes}: one complete connection each (connect, key exchange with one
 * offered method, Ed25519 public-key login, {@code exec true}, close) through secsh, the OpenSSH
 * {@code ssh} process, Apache MINA SSHD and JSch; and the secsh and MINA servers it runs against.
 */
final class HandshakesPeers {
    static final Duration SETUP = Duration.ofSeconds(30);

    private HandshakesPeers() {
    }

    /**
     * The secsh server: Ed25519 host key, the user key only, exec answers 0 from Java (no process);
     * {@code chain} is its provider chain (null: the default).
     */
    static ssh.connection.SshServer secshServer(SshKeyPair hostKey, SshPublicKey userKey, String chain)
            throws IOException {
        return ssh.connection.SshServer.builder().hostKey(hostKey).port(0).maxStartups(1000)
                .transport(b -> b.providerChain(chain))
                .auth(ServerAuthConfig.builder().publicKey((user, key, from) ->
                        key.equals(userKey) ? Optional.of(KeyOptions.NONE) : Optional.empty()).build())
                .exec(session -> 0).shell(null).start();
    }

    /** One secsh client connection offering only {@code kex} and ssh-ed25519 host keys; {@code chain} as above. */
    static void secsh(int port, SshPublicKey hostKey, String user, SshKeyPair userKey, String kex, String command,
            String chain) throws Exception {
        try (SshClient client = SshClient.builder("127.0.0.1", port)
                .hostKeyVerifier((h, p, key) -> key.equals(hostKey))
                .transport(b -> b.kexAlgorithms(kex).hostKeyAlgorithms("ssh-ed25519").providerChain(chain))
                .connect(ClientAuthConfig.builder(user).key(userKey).build())) {
            String negotiated = client.connection().transport().negotiated().kex();
            if (!kex.equals(negotiated)) {
                throw new IOException("negotiated " + negotiated + ", not " + kex);
            }
            ExecResult r = client.exec(command, SETUP);
            if (!r.exit().success()) {
                throw new IOException("remote command ended with " + r.exit() + ": "
                        + new String(r.stderr(), StandardCharsets.UTF_8).strip());
            }
        }
    }

    /** One {@code ssh ... true} process offering only {@code kex}; stderr goes to {@code errFile}. */
    static void ssh(Path ssh, int port, Path identity, String user, String kex, Path errFile) throws Exception {
        List<String> cmd = List.of(ssh.toString(), "-F", "none", "-p", String.valueOf(port),
                "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "-o", "KexAlgorithms=" + kex, "-o", "HostKeyAlgorithms=ssh-ed25519", "-T",
                user + "@127.0.0.1", "true");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        if (!p.waitFor(SETUP.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ssh did not finish in time");
        }
        if (p.exitValue() != 0) {
            throw new IOException("ssh exited with " + p.exitValue() + ": " + Files.readString(errFile).strip());
        }
    }

    /** "n/a (unsupported)" if this MINA lacks {@code kex}; else null. */
    static String minaUnsupported(String kex) {
        BuiltinDHFactories f = BuiltinDHFactories.fromFactoryName(kex);
        return f != null && f.isSupported() ? null : "n/a (MINA lacks it)";
    }

    /**
     * "n/a (JSch lacks it)" if this JSch has no entry for {@code kex}; else null (an entry whose
     * class cannot run is caught by JSch's own CheckKexes at connect time, reported as a failure).
     */
    static String jschUnsupported(String kex) {
        return JSch.getConfig(kex) == null ? "n/a (JSch lacks it)" : null;
    }

    /**
     * MINA at both ends: the server MinaPeers would start, but with the harness's Ed25519 host key,
     * public-key login for the user key, every kex MINA supports of {@code kexes}, and an exec that
     * exits 0 at once; one started client per cell (MINA's client is a connector), a session per
     * connection.
     */
    static final class Mina implements AutoCloseable {
        private final SshServer server;
        private final PublicKey hostKey;
        private final KeyPair userKey;
        private final List<org.apache.sshd.client.SshClient> clients = new ArrayList<>();

        Mina(Path hostKeyFile, Path identity, List<String> kexes) throws Exception {
            KeyPair host = new FileKeyPairProvider(hostKeyFile).loadKeys(null).iterator().next();
            userKey = new FileKeyPairProvider(identity).loadKeys(null).iterator().next();
            hostKey = host.getPublic();
            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(session -> List.of(host));
            server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, userKey.getPublic()));
            List<DHFactory> dh = kexes.stream().filter(k -> minaUnsupported(k) == null)
                    .map(k -> (DHFactory) BuiltinDHFactories.fromFactoryName(k)).toList();
            if (!dh.isEmpty()) {
                server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, dh, ServerBuilder.DH2KEX));
            }
            server.setCommandFactory((channel, command) -> new ExitZero());
            server.start();
        }

        /** A started client offering only {@code kex}; closed with this. */
        synchronized org.apache.sshd.client.SshClient client(String kex) {
            org.apache.sshd.client.SshClient c = org.apache.sshd.client.SshClient.setUpDefaultClient();
            c.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                    List.of((DHFactory) BuiltinDHFactories.fromFactoryName(kex)), ClientBuilder.DH2KEX));
            c.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, hostKey));
            c.start();
            clients.add(c);
            return c;
        }

        void connect(org.apache.sshd.client.SshClient client, String user, String kex) throws Exception {
            try (ClientSession session = client.connect(user, "127.0.0.1", server.getPort()).verify(SETUP)
                    .getSession()) {
                session.addPublicKeyIdentity(userKey);
                session.auth().verify(SETUP);
                String negotiated = session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS);
                if (!kex.equals(negotiated)) {
                    throw new IOException("negotiated " + negotiated + ", not " + kex);
                }
                try (org.apache.sshd.client.channel.ChannelExec channel = session.createExecChannel("true")) {
                    channel.setOut(OutputStream.nullOutputStream());
                    channel.setErr(OutputStream.nullOutputStream());
                    channel.open().verify(SETUP);
                    Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS,
                            ClientChannelEvent.CLOSED), SETUP);
                    Integer status = channel.getExitStatus();
                    if (!events.contains(ClientChannelEvent.EXIT_STATUS) || status == null || status != 0) {
                        throw new IOException("remote command ended with " + status + " (" + events + ")");
                    }
                }
            }
        }

        @Override
        public synchronized void close() {
            clients.forEach(org.apache.sshd.client.SshClient::stop);
            try {
                server.stop(true);
            } catch (IOException e) {
                System.err.println("MINA server did not stop: " + e.getMessage());
            }
        }
    }

    /** A MINA exec command that exits 0 at once, whatever the command. */
    private static final class ExitZero implements Command {
        private ExitCallback exit;

        @Override
        public void setInputStream(InputStream in) {
            // nothing to read
        }

        @Override
        public void setOutputStream(OutputStream out) {
            // nothing to say
        }

        @Override
        public void setErrorStream(OutputStream err) {
            // nothing to say
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {
            // nothing running
        }
    }

    /** A JSch with the identity loaded once and the host key known; a session per connection. */
    static JSch jsch(int port, String knownHostsKey, Path identity) throws Exception {
        JSch jsch = new JSch();
        jsch.setKnownHosts(new ByteArrayInputStream(("[127.0.0.1]:" + port + " " + knownHostsKey + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        jsch.addIdentity(identity.toString());
        return jsch;
    }

    /** One JSch connection offering only {@code kex} and ssh-ed25519 host keys, running {@code true}. */
    static void jsch(JSch jsch, int port, String user, String kex) throws Exception {
        Session session = jsch.getSession(user, "127.0.0.1", port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setConfig("kex", kex);
        session.setConfig("server_host_key", "ssh-ed25519");
        session.connect((int) SETUP.toMillis());
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand("true");
            channel.setInputStream(null);
            InputStream out = channel.getInputStream();
            channel.connect((int) SETUP.toMillis());
            out.transferTo(OutputStream.nullOutputStream()); // ends at the server's EOF
            long deadline = System.nanoTime() + SETUP.toNanos();
            while (channel.getExitStatus() == -1 && !channel.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(0, 100_000);
            }
            int status = channel.getExitStatus();
            channel.disconnect();
            if (status != 0) {
                throw new IOException("remote command ended with " + status);
            }
        } finally {
            session.disconnect();
        }
    }
}
