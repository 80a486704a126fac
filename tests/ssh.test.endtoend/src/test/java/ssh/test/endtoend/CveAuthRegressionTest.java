package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.AuthenticatedUser;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyOptions;
import ssh.transport.Payload;
import ssh.transport.Transport;

/**
 * Named regressions for advisories where a pluggable public-key authenticator and the signature
 * check came apart: Go x/crypto CVE-2024-45337 and the server-side authentication checks Apache
 * MINA SSHD added in 2.20.0. The evil client writes its USERAUTH_REQUESTs field by field and signs
 * (or forges) them itself. See {@link CveRegressionTest} for the other advisories.
 */
@Timeout(30)
class CveAuthRegressionTest {
    private static final Duration WAIT = CveRegressionTest.WAIT;
    private static final String USER = "robey";

    /** An authenticator that allows every key, with options that name the key ({@code KEY=<n>} in environment). */
    private static final class AllowAll implements PublicKeyAuthenticator {
        final List<SshPublicKey> asked = new CopyOnWriteArrayList<>();
        private final List<SshKeyPair> named;

        AllowAll(SshKeyPair... named) {
            this.named = List.of(named);
        }

        @Override
        public Optional<KeyOptions> authorize(String user, SshPublicKey key, String clientAddress) {
            asked.add(key);
            return Optional.of(optionsOf(key));
        }

        KeyOptions optionsOf(SshPublicKey key) {
            int n = 0;
            while (n < named.size() && !Arrays.equals(named.get(n).publicKey().blob(), key.blob())) {
                n++;
            }
            return new KeyOptions(null, List.of(), List.of("KEY=" + n), List.of(), List.of(), null, true, true, true,
                    true, true, false, List.of(), -1);
        }
    }

    /** A publickey USERAUTH_REQUEST for {@code key}: a query if {@code signer} is null, else signed by {@code signer}. */
    static byte[] publicKeyRequest(Transport client, SshKeyPair key, SshKeyPair signer) throws SshException {
        WireWriter request = new WireWriter(512).writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8(USER)
                .writeUtf8("ssh-connection").writeUtf8("publickey").writeBoolean(signer != null)
                .writeUtf8("ssh-ed25519").writeString(key.publicKey().blob());
        if (signer != null) {
            byte[] signed = new WireWriter(512).writeString(client.sessionId())
                    .writeBytes(request.array(), 0, request.length()).toByteArray();
            request.writeString(AlgorithmRegistry.load().find(AlgorithmFamily.PUBLIC_KEY, "ssh-ed25519").orElseThrow()
                    .sign(signer, signed, Peers.crypto()));
        }
        return request.toByteArray();
    }

    /** Sends {@code request} and returns the server's answer, past any banner. */
    static Payload ask(Transport client, byte[] request) throws SshException {
        client.send(request, 0, request.length);
        while (true) {
            Payload p = client.receive(WAIT);
            if (p.messageNumber() != MessageNumbers.USERAUTH_BANNER) {
                return p;
            }
        }
    }

    static void assertAnswer(int expected, Payload p) {
        assertEquals(MessageNumbers.name(expected), MessageNumbers.name(p.messageNumber()), p::toString);
    }

    /** USERAUTH_FAILURE's partial-success flag. */
    static boolean partialSuccess(Payload failure) throws SshException {
        WireReader r = failure.reader();
        r.readNameList("methods that can continue");
        return r.readBoolean("partial success");
    }

    private static AuthenticatedUser login(CompletableFuture<AuthenticatedUser> server) throws Exception {
        return server.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- Go x/crypto CVE-2024-45337 ----

    /**
     * Go x/crypto CVE-2024-45337: applications took the key their PublicKeyCallback last allowed as
     * the authenticated one, though allowing is not authenticating. Attack here: the authenticator
     * allows every key; the client sends a signed request whose signature is not by the key (by
     * another key, all zero, or cut short). Each must get USERAUTH_FAILURE; then an honest
     * signature logs in (the control). To see it fail: in {@code PublicKeyServer.create}'s
     * {@code onRequest}, remove the {@code if (!factory.get().verify(...)) return Step.FAILURE;}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"signed by another key", "all-zero signature", "truncated signature"})
    void goCrypto_CVE_2024_45337_allowedKeyStillNeedsItsSignature(String forgery) throws Exception {
        SshKeyPair victim = AuthPeers.ed25519();
        SshKeyPair attacker = AuthPeers.ed25519();
        AllowAll allowAll = new AllowAll(victim);
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> server = AuthPeers.serve(p.server,
                    ServerAuthConfig.builder().publicKey(allowAll).build());
            p.client.requestService("ssh-userauth", WAIT);
            byte[] forged = publicKeyRequest(p.client, victim, attacker);
            if (!forgery.equals("signed by another key")) {
                // ssh-ed25519 signature blob: string "ssh-ed25519", string 64 bytes: zero them or cut them
                int rawAt = forged.length - 64;
                if (forgery.equals("all-zero signature")) {
                    Arrays.fill(forged, rawAt, forged.length, (byte) 0);
                } else {
                    // the blob is string(string "ssh-ed25519", string 64 bytes): 23 bytes of lengths and name first
                    forged = new WireWriter(forged.length).writeBytes(forged, 0, rawAt - 23).writeUint32(4 + 11 + 4 + 32)
                            .writeUtf8("ssh-ed25519").writeString(new byte[32]).toByteArray();
                }
            }
            if (forgery.equals("truncated signature")) {
                // malformed: the server may end the connection, but must never log the client in
                p.client.send(forged, 0, forged.length);
                SshException e = AuthPeers.serverFailure(server);
                assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reasonCode(), e::toString);
                return;
            }
            assertAnswer(MessageNumbers.USERAUTH_FAILURE, ask(p.client, forged));
            assertFalse(server.isDone(), "the server ended authentication on a forged signature");
            assertTrue(allowAll.asked.stream().anyMatch(k -> Arrays.equals(k.blob(), victim.publicKey().blob())),
                    "the authenticator was asked about (and allowed) the victim's key");
            assertAnswer(MessageNumbers.USERAUTH_SUCCESS, ask(p.client, publicKeyRequest(p.client, victim, victim)));
            assertEquals(USER, login(server).user());
        }
    }

    /**
     * Go x/crypto CVE-2024-45337, the other half: the session must see the key that signed, never
     * one only offered. Attack: the client offers key A (a query, answered with PK_OK, so the
     * authenticator allowed A), then logs in with key B. The logged-in user must carry B's options
     * and nothing of A's. To see it fail: in {@code PublicKeyServer}, call
     * {@code context.grant(options.get())} before the {@code if (!signed)} that answers PK_OK.
     */
    @Test
    void goCrypto_CVE_2024_45337_sessionSeesTheSignedKeyNotTheOfferedOne() throws Exception {
        SshKeyPair a = AuthPeers.ed25519();
        SshKeyPair b = AuthPeers.ed25519();
        AllowAll allowAll = new AllowAll(a, b);
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> server = AuthPeers.serve(p.server,
                    ServerAuthConfig.builder().publicKey(allowAll).build());
            p.client.requestService("ssh-userauth", WAIT);
            assertAnswer(MessageNumbers.USERAUTH_PK_OK, ask(p.client, publicKeyRequest(p.client, a, null)));
            assertAnswer(MessageNumbers.USERAUTH_SUCCESS, ask(p.client, publicKeyRequest(p.client, b, b)));
            AuthenticatedUser user = login(server);
            List<KeyOptions> granted = user.attributes().stream().filter(KeyOptions.class::isInstance)
                    .map(KeyOptions.class::cast).toList();
            assertEquals(List.of(allowAll.optionsOf(b.publicKey())), granted,
                    "the session must carry the options of the key that signed (KEY=1), and only those");
        }
    }

    // ---- Apache MINA SSHD, server-side authentication checks fixed in 2.20.0 ----

    /**
     * Apache MINA SSHD 2.20.0 ("fix authentication requiring multiple public keys", "more checks in
     * authentication", server side): with {@code AuthenticationMethods publickey,publickey} one key
     * signing twice must not count as two keys (OpenSSH refuses a previously used key). Attack: the
     * client signs with key A, gets partial success, signs with A again. That must fail; key B then
     * completes the login, and the session carries both keys' options. To see it fail: remove the
     * {@code used} check that {@code PublicKeyServer} makes before answering.
     */
    @Test
    void minaSshd_2_20_0_oneKeyCannotSatisfyTwoPublickeySteps() throws Exception {
        SshKeyPair a = AuthPeers.ed25519();
        SshKeyPair b = AuthPeers.ed25519();
        AllowAll allowAll = new AllowAll(a, b);
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> server = AuthPeers.serve(p.server, ServerAuthConfig.builder()
                    .publicKey(allowAll).authenticationMethods("publickey,publickey").build());
            p.client.requestService("ssh-userauth", WAIT);
            Payload first = ask(p.client, publicKeyRequest(p.client, a, a));
            assertAnswer(MessageNumbers.USERAUTH_FAILURE, first);
            assertTrue(partialSuccess(first), "key A is the first of two steps");
            Payload again = ask(p.client, publicKeyRequest(p.client, a, a));
            assertAnswer(MessageNumbers.USERAUTH_FAILURE, again);
            assertFalse(partialSuccess(again), "key A was accepted a second time");
            assertAnswer(MessageNumbers.USERAUTH_FAILURE, ask(p.client, publicKeyRequest(p.client, a, null)));
            assertAnswer(MessageNumbers.USERAUTH_SUCCESS, ask(p.client, publicKeyRequest(p.client, b, b)));
            assertEquals(List.of(allowAll.optionsOf(a.publicKey()), allowAll.optionsOf(b.publicKey())),
                    login(server).attributes());
        }
    }

    /**
     * Apache MINA SSHD 2.20.0 ("allow asynchronous authentication only for password and
     * keyboard-interactive"): a public-key authenticator that could not answer there let the
     * signature check be skipped. Here the authenticator fails (throws) for a request with a valid
     * signature: the client must not be logged in and the server must end the attempt. To see it
     * fail: in {@code PublicKeyServer}, catch the authenticator's {@code IOException} and carry on
     * with {@code options = Optional.of(KeyOptions.NONE)} and no signature check.
     */
    @Test
    void minaSshd_2_20_0_failingAuthenticatorNeverLogsIn() throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        PublicKeyAuthenticator broken = (user, k, from) -> {
            throw new IOException("directory service unreachable");
        };
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            CompletableFuture<AuthenticatedUser> server = AuthPeers.serve(p.server,
                    ServerAuthConfig.builder().publicKey(broken).build());
            p.client.requestService("ssh-userauth", WAIT);
            byte[] forged = publicKeyRequest(p.client, key, AuthPeers.ed25519());
            p.client.send(forged, 0, forged.length);
            java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> login(server),
                    "the server went on after its authenticator failed");
            assertTrue(refused.getCause() instanceof SshException, refused::toString);
            Map<Integer, Integer> seen = new java.util.HashMap<>();
            try {
                while (true) {
                    seen.merge(p.client.receive(WAIT).messageNumber(), 1, Integer::sum);
                }
            } catch (SshException ended) {
                assertFalse(seen.containsKey(MessageNumbers.USERAUTH_SUCCESS), "the client was logged in: " + seen);
            }
        }
    }
}
