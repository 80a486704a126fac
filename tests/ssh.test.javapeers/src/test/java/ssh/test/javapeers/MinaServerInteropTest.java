package ssh.test.javapeers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.server.session.ServerSession;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.transport.NegotiatedAlgorithms;
import ssh.transport.Transport;

/**
 * secsh's client against an Apache MINA SSHD 2.20 server, one key-exchange method at a time:
 * the only real-peer check of secsh's client role for curve448-sha512 (OpenSSH 9.2 lacks it).
 * MINA 2.20 also names the three ML-KEM hybrids, but its implementation needs a Bouncy Castle
 * newer than the 1.82 secsh builds with ({@code org.bouncycastle.crypto.params.MLKEMParameters}),
 * so they are unsupported here, and MINA has no ssh-ed448; JSch covers those
 * ({@link JschClientInteropTest}). Each case: the MINA server offers only the method, secsh's
 * client only it and the given cipher and MAC, checks MINA's host key, logs in with a password,
 * sends 1 MiB through an exec that answers it transformed, rekeys half-way, and both sides must
 * report the method.
 */
@Timeout(60)
class MinaServerInteropTest {
    private static final String USER = "robey";
    private static final String PASSWORD = "foo";

    record Forced(BuiltinDHFactories kex, String cipher, String mac, String chain) {
        @Override
        public String toString() {
            return kex.getName() + " " + cipher + (mac == null ? "" : " " + mac) + " [" + chain + "]";
        }
    }

    static Stream<Arguments> algorithms() {
        String gcm = "aes256-gcm@openssh.com";
        return Stream.of(
                new Forced(BuiltinDHFactories.curve448, gcm, null, "jca"),
                new Forced(BuiltinDHFactories.curve448, gcm, null, "bc"),
                new Forced(BuiltinDHFactories.sntrup761x25519, gcm, null, "bc"),
                new Forced(BuiltinDHFactories.sntrup761x25519_openssh, gcm, null, "bc"),
                new Forced(BuiltinDHFactories.curve25519, "chacha20-poly1305@openssh.com", null, "jca,bc"),
                new Forced(BuiltinDHFactories.curve25519, "aes128-ctr", "hmac-sha2-256-etm@openssh.com", "jca"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void secshClientNegotiatesMovesDataAndRekeys(Forced f) throws Exception {
        String kex = f.kex().getName();
        try (MinaServerPeer mina = new MinaServerPeer(f.kex(), USER, PASSWORD)) {
            byte[] trusted = Base64.getDecoder().decode(mina.hostKeyLine().split(" ")[1]);
            try (SshClient client = SshClient.builder("127.0.0.1", mina.port())
                    .hostKeyVerifier((h, p, k) -> java.util.Arrays.equals(k.blob(), trusted))
                    .transport(t -> {
                        t.providerChain(f.chain()).kexAlgorithms(kex).ciphers(f.cipher());
                        return f.mac() == null ? t : t.macs(f.mac());
                    })
                    .connect(ClientAuthConfig.builder(USER).password(PasswordPrompt.of(PASSWORD.toCharArray()))
                            .build())) {
                Transport t = client.connection().transport();
                NegotiatedAlgorithms n = t.negotiated();
                assertEquals(List.of(kex, f.cipher(), f.cipher()),
                        List.of(n.kex(), n.cipherClientToServer(), n.cipherServerToClient()), f.toString());
                if (f.mac() != null) {
                    assertEquals(List.of(f.mac(), f.mac()), List.of(n.macClientToServer(), n.macServerToClient()));
                }
                byte[] data = XorEcho.payload(f.hashCode());
                try (Session s = client.openSession()) {
                    s.exec("xor");
                    CompletableFuture<byte[]> out = readAll(s.getInputStream());
                    CompletableFuture<byte[]> err = readAll(s.getErrorStream());
                    OutputStream in = s.getOutputStream();
                    in.write(data, 0, data.length / 2);
                    t.rekey();
                    in.write(data, data.length / 2, data.length - data.length / 2);
                    s.shutdownOutput();
                    long ms = SecshServerPeer.TIMEOUT.toMillis();
                    assertArrayEquals(XorEcho.transformed(data), out.get(ms, TimeUnit.MILLISECONDS), f.toString());
                    assertEquals(XorEcho.digest(data),
                            new String(err.get(ms, TimeUnit.MILLISECONDS), StandardCharsets.US_ASCII), f.toString());
                    assertEquals(0, s.waitFor(SecshServerPeer.TIMEOUT).status(), f.toString());
                }
                assertTrue(t.keyExchangeCount() >= 2, "the rekey ran: " + f);
                ServerSession session = mina.session();
                assertEquals(List.of(kex, f.cipher()), List.of(session.getNegotiatedKexParameter(
                        KexProposalOption.ALGORITHMS), session.getNegotiatedKexParameter(KexProposalOption.C2SENC)));
                assertEquals(kex, t.negotiated().kex(), "after the rekey: " + f);
            }
        }
    }

    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }
}
