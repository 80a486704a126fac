package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.OpenSshKeyFile;
import ssh.connection.SshServer;

/** OpenSSH's ssh client against secsh's server: exec with exit status, a shell without a terminal. */
class OpenSshClientSessionTest {
    @TempDir
    Path dir;
    private SshServer server;
    private Path identity;

    @BeforeEach
    void start() throws Exception {
        OpenSsh.assumeInstalled(OpenSsh.SSH);
        SshKeyPair key = AuthPeers.ed25519();
        identity = dir.resolve("id_ed25519");
        Files.writeString(identity, OpenSshKeyFile.write(key, "", Peers.crypto()));
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        PublicKeyAuthenticator only = (u, k, from) -> Optional.of(KeyOptions.NONE).filter(o -> k.equals(key.publicKey()));
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().publicKey(only).build()).start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Run(int exit, String output) {
    }

    private Run ssh(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH.toString(), "-F", "none", "-p",
                String.valueOf(server.port()), "-i", identity.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssh did not finish");
        return new Run(p.exitValue(), out);
    }

    @Test
    void execReturnsTheRemoteStatus() throws Exception {
        Run r = ssh("", "robey@127.0.0.1", "echo from-secsh; exit 3");
        assertEquals("from-secsh\n", r.output());
        assertEquals(3, r.exit());
    }

    @Test
    void execPassesStdinThrough() throws Exception {
        Run r = ssh("line one\nline two\n", "robey@127.0.0.1", "wc -l");
        assertEquals("2", r.output().strip());
        assertEquals(0, r.exit());
    }

    @Test
    void shellWithoutTerminal() throws Exception {
        Run r = ssh("echo via-shell\nexit 4\n", "-T", "robey@127.0.0.1");
        assertTrue(r.output().contains("via-shell"), r.output());
        assertEquals(4, r.exit());
    }
}
