package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line tools as a user runs them: {@code bin/secsh} against a private OpenSSH sshd and
 * against {@code bin/secshd}, OpenSSH's {@code ssh} against {@code bin/secshd}, and
 * {@code bin/secsh-keygen}: exit statuses, key and password logins, {@code -Q}, {@code -v}, and
 * OpenSSH's messages and exit 255 for a bad host key and a failed login.
 */
class CliEndToEndTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static OpenSsh.Sshd sshd;
    private static Path dir;
    private static Path key;
    private static Process secshd;
    private static int secshdPort;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start(@TempDir Path temp) throws Exception {
        OpenSsh.assumeTestUser();
        dir = temp;
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        key = dir.resolve("id_ed25519");
        Run k = run(Map.of(), "secsh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cli test", "-f", key.toString());
        assertEquals(0, k.exit(), k.err());
        sshd = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes"));
        Path authorized = sshd.dir.resolve("authorized_keys");
        Files.copy(Path.of(key + ".pub"), authorized);
        Files.setPosixFilePermissions(sshd.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho '" + OpenSsh.TEST_PASSWORD + "'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        // secshd's password file, made the documented way: secshd -A, the password through SSH_ASKPASS.
        Path passwords = dir.resolve("passwords");
        Run added = run(askpassEnv(), "secshd", "-A", passwords.toString(), "robey");
        assertEquals(0, added.exit(), added.err());
        secshdPort = OpenSsh.freePort();
        secshd = new ProcessBuilder(ROOT.resolve("bin/secshd").toString(), "-p", String.valueOf(secshdPort),
                "-h", key.toString(), "-o", "AuthorizedKeysFile=" + authorized, "-o", "PasswordFile=" + passwords)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("secshd.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", secshdPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("secshd did not start: " + Files.readString(dir.resolve("secshd.log")));
    }

    @AfterAll
    static void stop() {
        if (secshd != null) {
            secshd.destroy();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static Run run(Map<String, String> env, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.equals("ssh") ? OpenSsh.SSH.toString() : ROOT.resolve("bin/" + tool).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("SSH_AUTH_SOCK");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] err = new byte[0];
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Run(p.exitValue(), out, new String(err, StandardCharsets.UTF_8));
    }

    private static String[] secsh(int port, String... more) {
        List<String> a = new ArrayList<>(List.of("-p", String.valueOf(port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-F", "none"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void keyLoginToSshdReturnsTheRemoteStatus() throws Exception {
        Run r = run(Map.of(), "secsh", secsh(sshd.port, "-i", key.toString(), OpenSsh.TEST_USER + "@127.0.0.1",
                "echo out; echo err >&2; exit 6"));
        assertEquals(6, r.exit(), r.err());
        assertEquals("out\n", r.out());
        assertTrue(r.err().contains("err"), r.err());
    }

    @Test
    void passwordLoginToSshdThroughAskpassWithDebugLines() throws Exception {
        Run r = run(Map.of("SSH_ASKPASS", dir.resolve("askpass").toString(), "SSH_ASKPASS_REQUIRE", "force"),
                "secsh", secsh(sshd.port, "-v", "-o", "PreferredAuthentications=password",
                        OpenSsh.TEST_USER + "@127.0.0.1", "id -un"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(OpenSsh.TEST_USER + "\n", r.out());
        for (String line : List.of("debug1: kex: algorithm: ", "debug1: kex: host key algorithm: ",
                "debug1: kex: server->client cipher: ", "debug1: kex: client->server cipher: ",
                "debug1: Next authentication method: password")) {
            assertTrue(r.err().contains(line), "missing \"" + line + "\" in:\n" + r.err());
        }
    }

    @Test
    void failedLoginIsPermissionDeniedWith255() throws Exception {
        Run r = run(Map.of(), "secsh", secsh(sshd.port, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                OpenSsh.TEST_USER + "@127.0.0.1", "true"));
        assertEquals(255, r.exit());
        assertTrue(r.err().contains("Permission denied (publickey,password"), r.err());
    }

    @Test
    void unknownHostKeyIsRefusedWith255() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Run r = run(Map.of(), "secsh", "-p", String.valueOf(sshd.port), "-F", "none", "-o",
                "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-i", key.toString(),
                OpenSsh.TEST_USER + "@127.0.0.1", "true");
        assertEquals(255, r.exit());
        assertTrue(r.err().contains("Host key verification failed."), r.err());
    }

    @Test
    void queryListsAlgorithms() throws Exception {
        Run kex = run(Map.of(), "secsh", "-Q", "kex");
        assertEquals(0, kex.exit());
        assertTrue(kex.out().lines().toList().containsAll(List.of("curve25519-sha256", "mlkem768x25519-sha256")),
                kex.out());
        Run providers = run(Map.of(), "secsh", "-Q", "provider");
        assertEquals(List.of("jca", "bc"), providers.out().lines().toList());
    }

    private static Map<String, String> askpassEnv() {
        return Map.of("SSH_ASKPASS", dir.resolve("askpass").toString(), "SSH_ASKPASS_REQUIRE", "force");
    }

    @Test
    void passwordLoginToSecshd() throws Exception {
        Run r = run(askpassEnv(), "secsh", secsh(secshdPort, "-o", "PreferredAuthentications=password",
                "robey@127.0.0.1", "echo password-ok"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("password-ok\n", r.out());
        Run wrong = run(Map.of(), "secsh", secsh(secshdPort, "-o", "BatchMode=yes", "-o",
                "PreferredAuthentications=password", "robey@127.0.0.1", "true"));
        assertEquals(255, wrong.exit());
        assertTrue(wrong.err().contains("Permission denied ("), wrong.err());
    }

    @Test
    void secshToSecshd() throws Exception {
        Run r = run(Map.of(), "secsh", secsh(secshdPort, "-i", key.toString(), "anyone@127.0.0.1",
                "echo through-secshd; exit 9"));
        assertEquals(9, r.exit(), r.err());
        assertEquals("through-secshd\n", r.out());
    }

    @Test
    void opensshToSecshd() throws Exception {
        Run r = run(Map.of(), "ssh", "-F", "none", "-p", String.valueOf(secshdPort), "-i", key.toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", "anyone@127.0.0.1", "echo from-ssh; exit 3");
        assertEquals(3, r.exit(), r.err());
        assertEquals("from-ssh\n", r.out());
    }

    private static Process background(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/secsh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("SSH_AUTH_SOCK");
        return pb.start();
    }

    @Test
    void localForwardThroughSshd() throws Exception {
        int local = OpenSsh.freePort();
        try (EchoServer echo = EchoServer.tcp()) {
            Process p = background(secsh(sshd.port, "-N", "-i", key.toString(), "-L",
                    local + ":127.0.0.1:" + echo.port(), OpenSsh.TEST_USER + "@127.0.0.1"));
            try {
                EchoServer.awaitListening(local, java.time.Duration.ofSeconds(20), p::isAlive);
                EchoServer.concurrentRoundTrips(local, 3, 1 << 20);
            } finally {
                p.destroy();
            }
        }
    }

    @Test
    void remoteForwardThroughSshd() throws Exception {
        try (EchoServer echo = EchoServer.tcp()) {
            Process p = background(secsh(sshd.port, "-N", "-i", key.toString(), "-o", "ExitOnForwardFailure=yes",
                    "-R", "0:127.0.0.1:" + echo.port(), OpenSsh.TEST_USER + "@127.0.0.1"));
            try {
                java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(
                        p.getErrorStream(), StandardCharsets.UTF_8));
                String line = err.readLine();
                assertTrue(line != null && line.startsWith("Allocated port "), String.valueOf(line));
                int remote = Integer.parseInt(line.split(" ")[2]);
                EchoServer.concurrentRoundTrips(remote, 3, 1 << 20);
            } finally {
                p.destroy();
            }
        }
    }

    @Test
    void proxyJumpThroughSshdToSecshd() throws Exception {
        Run r = run(Map.of(), "secsh", secsh(secshdPort, "-i", key.toString(), "-J",
                OpenSsh.TEST_USER + "@127.0.0.1:" + sshd.port, "anyone@127.0.0.1", "echo via-jump"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("via-jump\n", r.out());
    }

    /** An interactive shell on a real terminal (script(1) provides one): raw keystrokes, a remote pty, ~. */
    @Test
    void interactiveShellOnATerminalAndTildeDot() throws Exception {
        Path script = Path.of("/usr/bin/script");
        OpenSsh.assumePeer(Files.isExecutable(script), "the terminal test needs script(1) (util-linux)");
        String secsh = String.join(" ", List.of(ROOT.resolve("bin/secsh").toString(), "-p", String.valueOf(sshd.port),
                "-F", "none", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-i",
                key.toString(), OpenSsh.TEST_USER + "@127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qec", secsh, "/dev/null").redirectErrorStream(true);
        pb.environment().remove("SSH_AUTH_SOCK");
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                byte[] buf = new byte[4096];
                int n;
                while ((n = p.getInputStream().read(buf)) >= 0) {
                    synchronized (out) {
                        out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ignored) {
                // script ended
            }
        });
        java.io.OutputStream keys = p.getOutputStream();
        // Type only once the remote shell prompts: keys typed before raw mode begins may be flushed.
        for (int i = 0; i < 200 && !out.toString().contains("$ "); i++) {
            Thread.sleep(50);
        }
        keys.write("tty -s && echo TERMINAL-$((6*7))\r".getBytes(StandardCharsets.US_ASCII));
        keys.flush();
        for (int i = 0; i < 200 && !out.toString().contains("TERMINAL-42"); i++) {
            Thread.sleep(50);
        }
        keys.write("~.".getBytes(StandardCharsets.US_ASCII));
        keys.flush();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "~. did not end the session:\n" + out);
        reader.join(2000);
        String text = out.toString();
        assertTrue(text.contains("TERMINAL-42"), text);
        assertTrue(text.contains("Connection to 127.0.0.1 closed."), text);
        assertEquals(255, p.exitValue());
    }

    @Test
    void keygenPublicKeyMatchesSshKeygen() throws Exception {
        Run ours = run(Map.of(), "secsh-keygen", "-y", "-f", key.toString());
        String theirs = OpenSsh.run(List.of(OpenSsh.SSH_KEYGEN.toString(), "-y", "-f", key.toString()));
        assertEquals(theirs.strip().split(" ")[1], ours.out().strip().split(" ")[1]);
    }
}
