package ssh.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.SshKeyGenerator;
import ssh.connection.SshServer;

/**
 * The server process of {@link IdleSessions} ({@code --server-only secsh|mina}): a secsh or Apache
 * MINA SSHD server on 127.0.0.1 (password login {@value #USER}/{@value #PASSWORD}) whose exec
 * handler, in Java, waits for EOF on stdin and exits 0. Prints {@code PORT n}, then answers one
 * line per command read from stdin: {@code count} (running handlers) and {@code measure} (heap
 * after GC, max heap, VmRSS, running handlers). Ends at EOF on stdin.
 */
final class IdleSessionsServer {
    static final String USER = "idle";
    static final String PASSWORD = "idle";

    private static final AtomicInteger RUNNING = new AtomicInteger();

    private IdleSessionsServer() {
    }

    static void serve(String kind) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AutoCloseable server;
        int port;
        switch (kind) {
            case "secsh" -> {
                SshKeyPair hostKey = SshKeyGenerator.generate("ssh-ed25519", AlgorithmRegistry.load().providerChain(null));
                SshServer s = SshServer.builder().hostKey(hostKey).port(0)
                        .auth(ServerAuthConfig.builder().password((user, password, from) ->
                                USER.equals(user) && PASSWORD.equals(new String(password))
                                        ? PasswordAuthenticator.Result.ACCEPT : PasswordAuthenticator.Result.REJECT)
                                .build())
                        .exec(session -> {
                            RUNNING.incrementAndGet();
                            try {
                                InputStream in = session.stdin();
                                byte[] buf = new byte[256];
                                while (in.read(buf) >= 0) {
                                    // idle until EOF
                                }
                                return 0;
                            } finally {
                                RUNNING.decrementAndGet();
                            }
                        }).shell(null).start();
                server = s;
                port = s.port();
            }
            case "mina" -> {
                org.apache.sshd.server.SshServer sshd = org.apache.sshd.server.SshServer.setUpDefaultServer();
                sshd.setHost("127.0.0.1");
                sshd.setPort(0);
                Path dir = Files.createTempDirectory("secsh-bench-idle-mina");
                dir.toFile().deleteOnExit();
                Path key = dir.resolve("host_key");
                key.toFile().deleteOnExit();
                sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(key));
                sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
                sshd.setCommandFactory((channel, command) -> new WaitForEof());
                sshd.start();
                server = () -> sshd.stop(true);
                port = sshd.getPort();
            }
            default -> throw new IllegalArgumentException("--server-only takes secsh or mina, not " + kind);
        }
        out.println("PORT " + port);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            switch (line.strip()) {
                case "count" -> out.println("COUNT " + RUNNING.get());
                case "measure" -> {
                    Runtime rt = Runtime.getRuntime();
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                    }
                    out.println("MEASURE " + (rt.totalMemory() - rt.freeMemory()) + " " + rt.maxMemory() + " "
                            + vmRssKiB(ProcessHandle.current().pid()) + " " + RUNNING.get());
                }
                default -> out.println("ERROR unknown command " + line);
            }
        }
        server.close();
        System.exit(0);
    }

    /** A field of {@code /proc/<pid>/status} in KiB ({@code VmRSS}), or -1. */
    static long vmRssKiB(long pid) {
        return procKiB(Path.of("/proc/" + pid + "/status"), "VmRSS:");
    }

    /** A "Name:   123 kB" line of a /proc file, in KiB, or -1. */
    static long procKiB(Path file, String name) {
        try {
            for (String l : Files.readAllLines(file)) {
                if (l.startsWith(name)) {
                    return Long.parseLong(l.substring(name.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return -1;
    }

    /** MINA's idle handler: a virtual thread (as secsh's) that reads stdin to EOF, then exits 0. */
    private static final class WaitForEof implements Command {
        private InputStream in;
        private ExitCallback exit;
        private Thread thread;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
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
            thread = Thread.ofVirtual().start(() -> {
                RUNNING.incrementAndGet();
                try {
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // idle until EOF
                    }
                    exit.onExit(0);
                } catch (IOException e) {
                    exit.onExit(1, e.toString());
                } finally {
                    RUNNING.decrementAndGet();
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
