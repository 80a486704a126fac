package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ssh.api.wire.WireWriter;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.ExecResult;
import ssh.connection.Session;
import ssh.connection.SshClient;

/** secsh's client against a private OpenSSH sshd: exec, a pty shell, env, the sftp subsystem, bulk data through cat. */
class ConnectionInteropTest {
    private static final Duration T = Duration.ofSeconds(120);
    private static OpenSsh.Sshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        OpenSsh.assumeTestUser();
        sshd = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes", "AcceptEnv SECSH_*",
                "Subsystem sftp internal-sftp"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshClient connect(String rekeyLimit) throws Exception {
        return SshClient.builder("127.0.0.1", sshd.port).hostKeyVerifier((h, p, k) -> true)
                .transport(b -> rekeyLimit == null ? b : b.rekeyLimit(Long.parseLong(rekeyLimit), Duration.ZERO))
                .connect(ClientAuthConfig.builder(OpenSsh.TEST_USER)
                        .password(PasswordPrompt.of(OpenSsh.TEST_PASSWORD.toCharArray())).build());
    }

    @Test
    void execWithStatusAndStderr() throws Exception {
        try (SshClient c = connect(null)) {
            ExecResult r = c.exec("echo out; echo err >&2; exit 42", T);
            assertEquals("out\n", r.stdoutText());
            assertEquals("err\n", r.stderrText());
            assertEquals(42, r.exitStatus());
        }
    }

    @Test
    void shellWithAPseudoTerminal() throws Exception {
        try (SshClient c = connect(null); Session s = c.openSession()) {
            s.requestPty("xterm", 80, 24, new byte[] {0});
            s.shell();
            OutputStream in = s.getOutputStream();
            in.write("tty -s && echo IS-A-TTY; stty size; exit 5\n".getBytes(StandardCharsets.US_ASCII));
            String out = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.contains("IS-A-TTY"), out);
            assertTrue(out.contains("24 80"), out);
            assertEquals(5, s.waitFor(T).status());
        }
    }

    @Test
    void envPassesWhereAcceptEnvAllows() throws Exception {
        try (SshClient c = connect(null); Session s = c.openSession()) {
            s.setEnv("SECSH_GREETING", "hello");
            s.setEnv("NOT_ACCEPTED", "x");
            s.exec("echo \"$SECSH_GREETING/${NOT_ACCEPTED:-unset}\"");
            assertEquals("hello/unset\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void sftpSubsystemAnswersInit() throws Exception {
        try (SshClient c = connect(null); Session s = c.openSession()) {
            s.subsystem("sftp");
            // SSH_FXP_INIT (1), version 3, in a uint32-length-framed packet
            byte[] init = new WireWriter(9).writeUint32(5).writeByte(1).writeUint32(3).toByteArray();
            s.getOutputStream().write(init);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readInt();
            assertTrue(length >= 5, "packet length " + length);
            assertEquals(2, in.readUnsignedByte(), "SSH_FXP_VERSION");
            assertEquals(3, in.readInt());
        }
    }

    /** 1 GiB up through cat and back, checked by SHA-256, with a rekey every 256 MiB or so. */
    @Test
    void oneGibibyteThroughCatWithRekeys() throws Exception {
        long total = 1L << 30;
        try (SshClient c = connect(String.valueOf(256L << 20)); Session s = c.openSession()) {
            s.exec("cat");
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream out = s.getOutputStream()) {
                    byte[] chunk = new byte[1 << 20];
                    Random random = new Random(7);
                    for (long done = 0; done < total; done += chunk.length) {
                        random.nextBytes(chunk);
                        sent.update(chunk);
                        out.write(chunk);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Thread::startVirtualThread);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1 << 16];
            long count = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.update(buf, 0, n);
                count += n;
            }
            writer.get();
            assertEquals(total, count);
            assertEquals(java.util.HexFormat.of().formatHex(sent.digest()),
                    java.util.HexFormat.of().formatHex(received.digest()));
            assertEquals(0, s.waitFor(T).status());
            assertTrue(c.connection().transport().keyExchangeCount() >= 4,
                    "rekeys: " + c.connection().transport().keyExchangeCount());
        }
    }
}
