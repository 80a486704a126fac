package ssh.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The Apache MINA SSHD side of {@link EndToEndThroughput}: an in-process MINA server (password
 * login robey/foo; exec {@code source N} writes N zero bytes, any other command drains stdin; both
 * exit 0, a malformed N exits 2) and timed uploads and downloads through the MINA client.
 */
final class MinaPeers {
    static final String USER = "robey";
    static final String PASSWORD = "foo";
    private static final Duration SETUP = Duration.ofSeconds(30);

    private MinaPeers() {
    }

    /** "n/a (unsupported)" if MINA lacks {@code cipher} (or, for a non-AEAD cipher, {@code mac}); else null. */
    static String unsupported(String cipher, String mac) {
        BuiltinCiphers c = BuiltinCiphers.fromFactoryName(cipher);
        if (c == null || !c.isSupported()) {
            return "n/a (unsupported)";
        }
        BuiltinMacs m = BuiltinMacs.fromFactoryName(mac);
        boolean aead = cipher.contains("gcm") || cipher.contains("poly1305");
        return aead || (m != null && m.isSupported()) ? null : "n/a (unsupported)";
    }

    /** The MINA server: its port, its host key, and a permit released each time an exec starts draining. */
    static final class Server implements AutoCloseable {
        private final SshServer sshd;
        private final PublicKey hostKey;
        private final Semaphore execStarted = new Semaphore(0);

        private Server(SshServer sshd, PublicKey hostKey) {
            this.sshd = sshd;
            this.hostKey = hostKey;
        }

        int port() {
            return sshd.getPort();
        }

        @Override
        public void close() {
            try {
                sshd.stop(true);
            } catch (IOException e) {
                System.err.println("MINA server did not stop: " + e.getMessage());
            }
        }
    }

    /**
     * Starts a MINA server on 127.0.0.1, a free port, with a generated EC host key in {@code dir},
     * accepting the given ciphers and MAC that MINA supports (each client offers one, so the
     * client's choice is what runs).
     */
    static Server startServer(Path dir, List<String> ciphers, String mac) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("mina_host_key"));
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        List<NamedFactory<Cipher>> cipherFactories = new ArrayList<>();
        for (String name : ciphers) {
            BuiltinCiphers c = BuiltinCiphers.fromFactoryName(name);
            if (c != null && c.isSupported()) {
                cipherFactories.add(c);
            }
        }
        if (!cipherFactories.isEmpty()) {
            sshd.setCipherFactories(cipherFactories);
        }
        BuiltinMacs m = BuiltinMacs.fromFactoryName(mac);
        if (m != null && m.isSupported()) {
            sshd.setMacFactories(List.<NamedFactory<Mac>>of(m));
        }
        Server[] holder = new Server[1];
        sshd.setCommandFactory((channel, command) -> new Exec(holder[0].execStarted, command));
        sshd.start();
        KeyPair hostKey;
        try {
            hostKey = keys.loadKeys(null).iterator().next();
        } catch (Exception e) {
            sshd.stop(true);
            throw new IOException("MINA host key: " + e, e);
        }
        holder[0] = new Server(sshd, hostKey.getPublic());
        return holder[0];
    }

    /**
     * An exec command: {@code source N} ({@link EndToEndThroughput#sourceBytes}) writes N zero
     * bytes, any other command reads stdin to its end and discards it; then exits 0. A malformed N
     * ends with status 2 and a message on stderr.
     */
    private static final class Exec implements Command {
        private final Semaphore started;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Thread thread;

        Exec(Semaphore started, String command) {
            this.started = started;
            this.command = command;
        }

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
            thread = Thread.ofPlatform().daemon().name("mina-exec").start(() -> {
                started.release();
                try {
                    long produce;
                    try {
                        produce = EndToEndThroughput.sourceBytes(command);
                    } catch (IllegalArgumentException e) {
                        err.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                        err.flush();
                        exit.onExit(2, e.getMessage());
                        return;
                    }
                    if (produce < 0) {
                        byte[] buf = new byte[SecshPeers.CHUNK];
                        while (in.read(buf) >= 0) {
                            // discard
                        }
                    } else {
                        SecshPeers.writeZeros(out, produce);
                        out.flush();
                    }
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

    /** A started MINA client offering only {@code cipher} and {@code mac}, trusting only the server's host key. */
    private static SshClient client(Server server, String cipher, String mac) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.fromFactoryName(cipher)));
        BuiltinMacs m = BuiltinMacs.fromFactoryName(mac);
        if (m != null && m.isSupported()) {
            client.setMacFactories(List.<NamedFactory<Mac>>of(m));
        }
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, server.hostKey));
        client.start();
        return client;
    }

    /** Connects and logs in with the password; checks that {@code cipher} was negotiated for {@code which}. */
    private static ClientSession login(SshClient client, Server server, String cipher, KexProposalOption which)
            throws IOException {
        ClientSession session = client.connect(USER, "127.0.0.1", server.port()).verify(SETUP).getSession();
        try {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(SETUP);
            String negotiated = session.getNegotiatedKexParameter(which);
            if (!cipher.equals(negotiated)) {
                throw new IOException("negotiated " + negotiated + ", not " + cipher);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /**
     * Connects a new MINA client offering only {@code cipher} and {@code mac}, logs in with the
     * password, runs {@code command} and uploads {@code bytes} zero bytes into it. Returns the
     * seconds from the first write (once the server has started the command) to the exit status.
     */
    static double upload(Server server, String cipher, String mac, String command, long bytes) throws Exception {
        SshClient client = client(server, cipher, mac);
        try (ClientSession session = login(client, server, cipher, KexProposalOption.C2SENC)) {
            server.execStarted.drainPermits();
            try (ChannelExec channel = session.createExecChannel(command)) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                channel.setOut(OutputStream.nullOutputStream());
                channel.setErr(err);
                channel.open().verify(SETUP);
                if (!server.execStarted.tryAcquire(SETUP.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IOException("the MINA server did not start the command");
                }
                OutputStream out = channel.getInvertedIn();
                long start = System.nanoTime();
                SecshPeers.writeZeros(out, bytes);
                out.close();
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS,
                        ClientChannelEvent.CLOSED), Duration.ofSeconds(OpenSshProcesses.timeoutSeconds(bytes)));
                long end = System.nanoTime();
                Integer status = channel.getExitStatus();
                if (!events.contains(ClientChannelEvent.EXIT_STATUS) || status == null || status != 0) {
                    throw new IOException("remote command ended with " + status + " (" + events + "): "
                            + err.toString(StandardCharsets.UTF_8).strip());
                }
                return (end - start) / 1e9;
            }
        } finally {
            client.stop();
        }
    }

    /**
     * Connects and logs in as {@link #upload} does, runs {@code command} (which must write
     * {@code bytes} bytes and exit 0) and counts what arrives on stdout, discarding it. Returns the
     * seconds from opening the exec channel (the open and the exec request go out together) to its
     * close after the exit status; throws if the count or the status is wrong.
     */
    static double download(Server server, String cipher, String mac, String command, long bytes) throws Exception {
        SshClient client = client(server, cipher, mac);
        try (ClientSession session = login(client, server, cipher, KexProposalOption.S2CENC)) {
            try (ChannelExec channel = session.createExecChannel(command)) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                LongAdder received = new LongAdder();
                channel.setOut(new OutputStream() {
                    @Override
                    public void write(int b) {
                        received.increment();
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        received.add(len);
                    }
                });
                channel.setErr(err);
                long start = System.nanoTime();
                channel.open().verify(SETUP);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                        Duration.ofSeconds(OpenSshProcesses.timeoutSeconds(bytes)));
                long end = System.nanoTime();
                Integer status = channel.getExitStatus();
                if (!events.contains(ClientChannelEvent.CLOSED) || status == null || status != 0
                        || received.sum() != bytes) {
                    throw new IOException("remote command ended with " + status + " (" + events + ") after "
                            + received.sum() + " of " + bytes + " bytes: " + err.toString(StandardCharsets.UTF_8).strip());
                }
                return (end - start) / 1e9;
            }
        } finally {
            client.stop();
        }
    }
}
