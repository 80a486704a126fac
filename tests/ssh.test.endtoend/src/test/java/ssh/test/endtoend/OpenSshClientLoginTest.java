package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.AuthenticatedUser;
import ssh.auth.KeyboardInteractiveAuthenticator;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthServer;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.OpenSshKeyFile;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * OpenSSH's {@code ssh} client logs into secsh's server: with a public key, a password given
 * through {@code SSH_ASKPASS}, and keyboard-interactive. {@code ssh -N} opens no session, so the
 * test ends once the server has authenticated the user and {@code ssh -v} reports it.
 */
class OpenSshClientLoginTest {
    private static final PasswordAuthenticator ROBEY = PasswordAuthenticator.of(Map.of("robey", "foo"));

    @TempDir
    Path dir;

    private AuthenticatedUser sshLogsIn(ServerAuthConfig auth, List<String> options, Map<String, String> env)
            throws Exception {
        OpenSsh.assumeInstalled(OpenSsh.SSH);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TransportConfig config = TransportConfig.server().hostKeys(Peers.defaultHostKeys()).build();
            CompletableFuture<AuthenticatedUser> server = CompletableFuture.supplyAsync(() -> {
                try {
                    Transport t = Transport.server(listener.accept(), config, Peers.TIMEOUT);
                    try (t) {
                        return UserAuthServer.authenticate(t, auth);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, Thread::startVirtualThread);
            List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH.toString(), "-v", "-N", "-F", "none",
                    "-p", String.valueOf(listener.getLocalPort()), "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
                    "-o", "NumberOfPasswordPrompts=1"));
            cmd.addAll(options);
            cmd.add("robey@127.0.0.1");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ssh.log").toFile());
            pb.environment().remove("SSH_AUTH_SOCK");
            pb.environment().putAll(env);
            Process ssh = pb.start();
            try {
                AuthenticatedUser user = server.get(30, TimeUnit.SECONDS);
                assertTrue(ssh.waitFor(10, TimeUnit.SECONDS), "ssh ends when the server closes");
                String log = Files.readString(dir.resolve("ssh.log"), StandardCharsets.UTF_8);
                assertTrue(log.contains("Authenticated to 127.0.0.1"), log);
                return user;
            } finally {
                ssh.destroyForcibly();
            }
        }
    }

    @Test
    void publicKey() throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        Path identity = dir.resolve("id_ed25519");
        Files.writeString(identity, OpenSshKeyFile.write(key, "robey's key", Peers.crypto()));
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        PublicKeyAuthenticator onlyThisKey = (user, k, from) -> Optional.of(KeyOptions.NONE)
                .filter(o -> user.equals("robey") && k.equals(key.publicKey()));
        AuthenticatedUser u = sshLogsIn(ServerAuthConfig.builder().publicKey(onlyThisKey).build(),
                List.of("-i", identity.toString(), "-o", "PreferredAuthentications=publickey"), Map.of());
        assertEquals(List.of("publickey"), u.methods());
    }

    @Test
    void passwordThroughAskpass() throws Exception {
        AuthenticatedUser u = sshLogsIn(ServerAuthConfig.builder().password(ROBEY).build(),
                List.of("-o", "PreferredAuthentications=password"), askpass("foo"));
        assertEquals(List.of("password"), u.methods());
    }

    @Test
    void keyboardInteractive() throws Exception {
        AuthenticatedUser u = sshLogsIn(ServerAuthConfig.builder()
                        .keyboardInteractive(KeyboardInteractiveAuthenticator.password(ROBEY)).build(),
                List.of("-o", "PreferredAuthentications=keyboard-interactive"), askpass("foo"));
        assertEquals(List.of("keyboard-interactive"), u.methods());
    }

    /** An {@code SSH_ASKPASS} program that answers every prompt with {@code answer}. */
    private Map<String, String> askpass(String answer) throws IOException {
        Path script = dir.resolve("askpass.sh");
        Files.writeString(script, "#!/bin/sh\necho '" + answer + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return Map.of("SSH_ASKPASS", script.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0");
    }
}
