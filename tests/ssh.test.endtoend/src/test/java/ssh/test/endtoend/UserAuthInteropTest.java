package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ssh.api.SshAuthenticationException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.auth.UserAuthClient;
import ssh.auth.agent.AgentClient;
import ssh.auth.keys.PublicKeyFile;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/** secsh's auth client against a private OpenSSH sshd: every user key type, password, a two-step chain, ssh-agent. */
class UserAuthInteropTest {
    private static final String[][] KEYS = {
        {"ssh-ed25519", "ED25519", "0"}, {"ecdsa-sha2-nistp256", "ECDSA_P256", "0"},
        {"ecdsa-sha2-nistp384", "ECDSA_P384", "0"}, {"ecdsa-sha2-nistp521", "ECDSA_P521", "0"},
        {"ssh-rsa", "RSA_SHA512", "3072"}, {"ssh-dss", "DSA", "1024"}};
    private static final List<SshKeyPair> USER_KEYS = new ArrayList<>();
    private static OpenSsh.Sshd sshd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSshd() throws Exception {
        OpenSsh.assumeTestUser();
        sshd = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes", "KbdInteractiveAuthentication no",
                "PubkeyAcceptedAlgorithms +ssh-dss"));
        StringBuilder authorized = new StringBuilder();
        for (String[] k : KEYS) {
            SshKeyPair pair = Peers.hostKey(k[0], Primitive.valueOf(k[1]), Integer.parseInt(k[2]));
            USER_KEYS.add(pair);
            authorized.append(PublicKeyFile.line(pair.publicKey(), "secsh " + k[0])).append('\n');
        }
        writeAuthorizedKeys(sshd, authorized.toString());
    }

    /** sshd reads authorized_keys as the user, so the private directory must let the user in. */
    private static void writeAuthorizedKeys(OpenSsh.Sshd server, String text) throws Exception {
        Files.setPosixFilePermissions(server.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(Files.writeString(server.dir.resolve("authorized_keys"), text),
                PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static List<String> login(OpenSsh.Sshd server, ClientAuthConfig auth) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port);
        try (Transport t = Transport.client(socket, TransportConfig.client().hostKeyVerifier((h, p, k) -> true)
                .build(), "127.0.0.1", server.port, Peers.TIMEOUT)) {
            return UserAuthClient.authenticate(t, auth);
        }
    }

    private static SshKeyPair key(String type) {
        return USER_KEYS.get(List.of(KEYS).stream().map(k -> k[0]).toList().indexOf(type));
    }

    @ParameterizedTest(name = "{1} key")
    @CsvSource({"ssh-ed25519, ssh-ed25519", "ecdsa-sha2-nistp256, ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384, ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521, ecdsa-sha2-nistp521",
        "ssh-rsa, rsa-sha2-512", "ssh-rsa, rsa-sha2-256", "ssh-dss, ssh-dss"})
    void publicKeyLogin(String keyType, String algorithm) throws Exception {
        List<String> methods = login(sshd, ClientAuthConfig.builder(OpenSsh.TEST_USER).key(key(keyType))
                .publicKeyAlgorithms(algorithm).methods("publickey").build());
        assertEquals(List.of("publickey"), methods);
        assertSshdLogged("Accepted publickey for " + OpenSsh.TEST_USER);
        assertSshdLogged("pkalg " + algorithm);
    }

    @Test
    void passwordLogin() throws Exception {
        assertEquals(List.of("password"), login(sshd, ClientAuthConfig.builder(OpenSsh.TEST_USER)
                .password(PasswordPrompt.of(OpenSsh.TEST_PASSWORD.toCharArray())).build()));
        assertSshdLogged("Accepted password for " + OpenSsh.TEST_USER);
    }

    @Test
    void wrongPasswordIsRefused() {
        SshAuthenticationException e = assertThrows(SshAuthenticationException.class, () -> login(sshd,
                ClientAuthConfig.builder(OpenSsh.TEST_USER).password(PasswordPrompt.of("wrong".toCharArray()))
                        .build()));
        assertTrue(e.methodsThatCanContinue().contains("password"), e.methodsThatCanContinue().toString());
    }

    @Test
    void publicKeyThenPassword() throws Exception {
        try (OpenSsh.Sshd chained = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes",
                "AuthenticationMethods publickey,password"))) {
            writeAuthorizedKeys(chained, Files.readString(sshd.dir.resolve("authorized_keys")));
            SshAuthenticationException partial = assertThrows(SshAuthenticationException.class, () -> login(chained,
                    ClientAuthConfig.builder(OpenSsh.TEST_USER).key(key("ssh-ed25519")).build()));
            assertTrue(partial.partialSuccess());
            assertEquals(List.of("password"), partial.methodsThatCanContinue());
            assertEquals(List.of("publickey", "password"), login(chained, ClientAuthConfig
                    .builder(OpenSsh.TEST_USER).key(key("ssh-ed25519"))
                    .password(PasswordPrompt.of(OpenSsh.TEST_PASSWORD.toCharArray())).build()));
        }
    }

    @ParameterizedTest(name = "{0} key in ssh-agent")
    @CsvSource({"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256"})
    void keyHeldByAgent(String keyType) throws Exception {
        OpenSsh.assumeInstalled(Path.of("/usr/bin/ssh-agent"));
        Path socket = dir.resolve("agent.sock");
        Process agentProcess = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        try {
            for (int i = 0; i < 500 && !Files.exists(socket); i++) {
                Thread.sleep(10);
            }
            try (AgentClient agent = AgentClient.connect(socket)) {
                agent.add(key(keyType), "in agent");
                assertEquals(List.of("publickey"), login(sshd, ClientAuthConfig.builder(OpenSsh.TEST_USER)
                        .agent(agent).methods("publickey").build()));
            }
            assertSshdLogged("Accepted publickey for " + OpenSsh.TEST_USER);
        } finally {
            agentProcess.destroy();
            agentProcess.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void assertSshdLogged(String text) throws Exception {
        String log = "";
        for (int i = 0; i < 50 && !(log = sshd.log()).contains(text); i++) {
            Thread.sleep(20);
        }
        assertTrue(log.contains(text), "sshd log lacks \"" + text + "\":\n" + tail(log));
    }

    private static String tail(String log) {
        return log.length() < 4000 ? log : log.substring(log.length() - 4000);
    }
}
