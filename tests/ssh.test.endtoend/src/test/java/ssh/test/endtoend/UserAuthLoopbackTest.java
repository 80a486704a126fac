package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.SshAuthenticationException;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.auth.AuthenticatedUser;
import ssh.auth.ClientAuthConfig;
import ssh.auth.KeyboardInteractiveAuthenticator;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthClient;
import ssh.auth.UserKey;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.OpenSshKeyFile;
import ssh.auth.keys.PassphraseSource;

/** User authentication between secsh's client and server, every method and chain, over an in-memory pipe. */
class UserAuthLoopbackTest {
    private static final PasswordAuthenticator ROBEY = PasswordAuthenticator.of(Map.of("robey", "foo"));

    @TempDir
    Path dir;

    private static AuthenticatedUser login(ServerAuthConfig server, ClientAuthConfig client, List<String> expected)
            throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> done = AuthPeers.serve(p.server, server);
            assertEquals(expected, UserAuthClient.authenticate(p.client, client));
            AuthenticatedUser u = done.get();
            assertEquals(expected, u.methods());
            return u;
        }
    }

    @Test
    void passwordLogsIn() throws Exception {
        AuthenticatedUser u = login(ServerAuthConfig.builder().password(ROBEY).build(),
                ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build(),
                List.of("password"));
        assertEquals("robey", u.user());
    }

    @Test
    void wrongPasswordIsPermissionDenied() throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            AuthPeers.serve(p.server, ServerAuthConfig.builder().password(ROBEY).build());
            SshAuthenticationException e = assertThrows(SshAuthenticationException.class, () -> UserAuthClient
                    .authenticate(p.client, ClientAuthConfig.builder("robey").password(PasswordPrompt.of(
                            "bar".toCharArray())).build()));
            assertEquals("Permission denied (password).", e.getMessage());
            assertFalse(p.client.isOpen());
        }
    }

    @Test
    void publicKeyFromAuthorizedKeysFile() throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        Path file = AuthPeers.authorizedKeys(dir, "no-pty", key);
        AuthenticatedUser u = login(ServerAuthConfig.builder()
                        .publicKey(PublicKeyAuthenticator.authorizedKeys(user -> user.equals("robey") ? file : null))
                        .build(),
                ClientAuthConfig.builder("robey").key(key).build(), List.of("publickey"));
        assertFalse(u.attribute(KeyOptions.class).orElseThrow().pty(), "the key's options travel with the session");
    }

    @Test
    void encryptedIdentityFile() throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        Path identity = Files.writeString(dir.resolve("id_ed25519"),
                OpenSshKeyFile.write(key, "robey", "sesame".toCharArray(), Peers.crypto()));
        Path file = AuthPeers.authorizedKeys(dir, "", key);
        login(ServerAuthConfig.builder().publicKey(PublicKeyAuthenticator.authorizedKeys(u -> file)).build(),
                ClientAuthConfig.builder("robey").identityFile(identity, PassphraseSource.of("sesame".toCharArray()))
                        .build(), List.of("publickey"));
    }

    @Test
    void rsaKeySignsWithSha2AndOnlyTheAllowedKeyIsSigned() throws Exception {
        SshKeyPair refused = AuthPeers.ed25519();
        SshKeyPair rsa = Peers.hostKey("ssh-rsa", Primitive.RSA_SHA512, 2048);
        List<String> signedWith = new ArrayList<>();
        PublicKeyAuthenticator onlyRsa = (user, k, from) -> Optional.of(KeyOptions.NONE)
                .filter(o -> k.equals(rsa.publicKey()));
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> done = AuthPeers.serve(p.server,
                    ServerAuthConfig.builder().publicKey(onlyRsa).build());
            assertEquals(List.of("publickey"), UserAuthClient.authenticate(p.client, ClientAuthConfig
                    .builder("robey").userKey(recording(refused, signedWith)).userKey(recording(rsa, signedWith))
                    .build()));
            done.get();
        }
        assertEquals(List.of("rsa-sha2-512"), signedWith, "only the allowed key signs, with SHA-512");
    }

    private static UserKey recording(SshKeyPair pair, List<String> log) {
        UserKey inner = UserKey.of(pair);
        return new UserKey() {
            @Override
            public SshPublicKey publicKey() {
                return inner.publicKey();
            }

            @Override
            public byte[] sign(PublicKeyAlgorithmFactory algorithm, byte[] data, CryptoProvider crypto)
                    throws SshException {
                log.add(algorithm.name());
                return inner.sign(algorithm, data, crypto);
            }
        };
    }

    @Test
    void keyboardInteractiveAsksForThePassword() throws Exception {
        List<String> asked = new ArrayList<>();
        login(ServerAuthConfig.builder().keyboardInteractive(KeyboardInteractiveAuthenticator.password(ROBEY)).build(),
                ClientAuthConfig.builder("robey").keyboardInteractive((name, instruction, prompts) -> {
                    prompts.forEach(q -> asked.add(q.text() + q.echo()));
                    return List.of("foo");
                }).build(), List.of("keyboard-interactive"));
        assertEquals(List.of("Password: false"), asked);
    }

    @Test
    void twoStepChainNeedsBoth() throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        Path file = AuthPeers.authorizedKeys(dir, "", key);
        ServerAuthConfig server = ServerAuthConfig.builder().password(ROBEY)
                .publicKey(PublicKeyAuthenticator.authorizedKeys(u -> file))
                .authenticationMethods("publickey,password").build();
        login(server, ClientAuthConfig.builder("robey").key(key).password(PasswordPrompt.of("foo".toCharArray()))
                .build(), List.of("publickey", "password"));
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            AuthPeers.serve(p.server, server);
            SshAuthenticationException e = assertThrows(SshAuthenticationException.class,
                    () -> UserAuthClient.authenticate(p.client, ClientAuthConfig.builder("robey").key(key).build()));
            assertTrue(e.partialSuccess());
            assertEquals(List.of("password"), e.methodsThatCanContinue());
        }
    }

    @Test
    void expiredPasswordIsChangedThroughTheCallback() throws Exception {
        List<String> changed = new ArrayList<>();
        PasswordAuthenticator expiring = new PasswordAuthenticator() {
            @Override
            public Result authenticate(String user, char[] password, String from) {
                return String.valueOf(password).equals("old") ? Result.CHANGE_REQUIRED : Result.REJECT;
            }

            @Override
            public boolean changePassword(String user, char[] oldPassword, char[] newPassword) {
                changed.add(String.valueOf(oldPassword) + "->" + String.valueOf(newPassword));
                return true;
            }
        };
        List<String> prompts = new ArrayList<>();
        login(ServerAuthConfig.builder().password(expiring).build(),
                ClientAuthConfig.builder("robey").password(PasswordPrompt.of("old".toCharArray()))
                        .passwordChange(prompt -> {
                            prompts.add(prompt);
                            return "new".toCharArray();
                        }).build(), List.of("password"));
        assertEquals(List.of("old->new"), changed);
        assertEquals(List.of(expiring.changePrompt()), prompts);
    }

    @Test
    void bannerReachesTheCallback() throws Exception {
        List<String> banners = new ArrayList<>();
        login(ServerAuthConfig.builder().password(ROBEY).banner("Welcome to secsh\n").build(),
                ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray()))
                        .banner(banners::add).build(), List.of("password"));
        assertEquals(List.of("Welcome to secsh\n"), banners);
    }

    @Test
    void passwordPromptIsAskedAgainAfterAFailure() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        login(ServerAuthConfig.builder().password(ROBEY).build(),
                ClientAuthConfig.builder("robey").password((user, host, attempt) -> {
                    asked.incrementAndGet();
                    return attempt < 3 ? "wrong".toCharArray() : "foo".toCharArray();
                }).build(), List.of("password"));
        assertEquals(3, asked.get());
    }
}
