package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The transport against real OpenSSH, for every algorithm both implement: our client completes
 * key exchange with a private sshd, gets SERVICE_ACCEPT for ssh-userauth and reads the method list
 * from a "none" request, with strict kex negotiated; and OpenSSH's ssh completes key exchange with
 * our server, as its -v output shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportInteropTest {
    private OpenSsh.Sshd sshd;

    @BeforeAll
    void startSshd() throws Exception {
        sshd = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes", "KbdInteractiveAuthentication no"));
    }

    @AfterAll
    void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** (family, name) for every algorithm secsh and this OpenSSH both implement. */
    static Stream<Arguments> shared() throws Exception {
        OpenSsh.assumeInstalled(OpenSsh.SSH, OpenSsh.SSHD);
        AlgorithmRegistry r = AlgorithmRegistry.load();
        var chain = r.providerChain(null);
        List<Arguments> out = new ArrayList<>();
        add(out, "kex", r.available(AlgorithmFamily.KEX, chain), OpenSsh.query("kex"));
        add(out, "hostkey", r.available(AlgorithmFamily.PUBLIC_KEY, chain), OpenSsh.query("key-sig"));
        add(out, "cipher", r.available(AlgorithmFamily.CIPHER, chain), OpenSsh.query("cipher"));
        add(out, "mac", r.available(AlgorithmFamily.MAC, chain), OpenSsh.query("mac"));
        return out.stream();
    }

    private static void add(List<Arguments> out, String family, List<? extends AlgorithmFactory> ours,
            List<String> theirs) {
        ours.stream().map(AlgorithmFactory::name).filter(theirs::contains).forEach(n -> out.add(Arguments.of(family, n)));
    }

    private static UnaryOperator<TransportConfig.Builder> only(String family, String name) {
        return b -> switch (family) {
            case "kex" -> b.kexAlgorithms(name);
            case "hostkey" -> b.hostKeyAlgorithms(name);
            case "cipher" -> b.ciphers(name);
            default -> b.ciphers("aes128-ctr").macs(name);
        };
    }

    @ParameterizedTest(name = "secsh -> sshd: {0} {1}")
    @MethodSource("shared")
    void ourClientAgainstSshd(String family, String name) throws Exception {
        TransportConfig config = only(family, name).apply(TransportConfig.client().hostKeyVerifier((h, p, k) -> true))
                .build();
        try (Transport t = Transport.client(new Socket(InetAddress.getLoopbackAddress(), sshd.port), config,
                "127.0.0.1", sshd.port, Peers.TIMEOUT)) {
            var n = t.negotiated();
            assertTrue(List.of(n.kex(), n.hostKey(), n.cipherClientToServer(),
                    String.valueOf(n.macClientToServer())).contains(name), n.toString());
            assertTrue(n.strictKex(), "strict kex negotiated with OpenSSH");
            t.requestService("ssh-userauth", Peers.TIMEOUT);
            WireWriter w = new WireWriter().writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8("nobody")
                    .writeUtf8("ssh-connection").writeUtf8("none");
            t.send(w.array(), 0, w.length());
            Payload p = t.receive(Peers.TIMEOUT);
            assertEquals(MessageNumbers.USERAUTH_FAILURE, p.messageNumber());
            List<String> methods = p.reader().readNameList("methods");
            assertTrue(methods.contains("publickey"), methods.toString());
            if (family.equals("kex")) {
                // sshd accepts no rekey during user authentication: it answers UNIMPLEMENTED, and
                // the transport must end the exchange with a clear error instead of stalling.
                t.rekey();
                SshException e = assertThrows(SshException.class, () -> {
                    t.send(w.array(), 0, w.length());
                    t.receive(Peers.TIMEOUT);
                });
                assertTrue(String.valueOf(t.failure()).contains("refused our KEXINIT"), String.valueOf(e));
            }
        }
    }

    private static Socket accept(ServerSocket listener, Process ssh, Path log) throws Exception {
        try {
            return listener.accept();
        } catch (java.net.SocketTimeoutException e) {
            ssh.destroyForcibly();
            throw new AssertionError("ssh never connected:\n" + Files.readString(log), e);
        }
    }

    @ParameterizedTest(name = "ssh -> secsh: {0} {1}")
    @MethodSource("shared")
    void sshAgainstOurServer(String family, String name) throws Exception {
        List<SshKeyPair> keys = List.of(Peers.hostKey("ssh-ed25519", Primitive.ED25519, 0),
                Peers.hostKey("ecdsa-sha2-nistp256", Primitive.ECDSA_P256, 0),
                Peers.hostKey("ssh-rsa", Primitive.RSA_SHA256, 2048));
        List<SshKeyPair> withDss = new ArrayList<>(keys);
        if (name.equals("ssh-dss")) {
            withDss.add(Peers.hostKey("ssh-dss", Primitive.DSA, 1024));
        } else if (name.startsWith("ecdsa-sha2-nistp384")) {
            withDss.add(Peers.hostKey("ecdsa-sha2-nistp384", Primitive.ECDSA_P384, 0));
        } else if (name.startsWith("ecdsa-sha2-nistp521")) {
            withDss.add(Peers.hostKey("ecdsa-sha2-nistp521", Primitive.ECDSA_P521, 0));
        }
        TransportConfig config = only(family, name).apply(TransportConfig.server().hostKeys(withDss)).build();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String option = switch (family) {
                case "kex" -> "KexAlgorithms=" + name;
                case "hostkey" -> "HostKeyAlgorithms=" + name;
                case "cipher" -> "Ciphers=" + name;
                default -> "MACs=" + name;
            };
            List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH.toString(), "-vvv", "-F", "/dev/null",
                    "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-o", option, "-p", String.valueOf(listener.getLocalPort()), "tester@127.0.0.1", "true"));
            if (family.equals("mac")) {
                cmd.addAll(cmd.size() - 2, List.of("-o", "Ciphers=aes128-ctr"));
            }
            listener.setSoTimeout(30_000);
            Path log = Files.createTempFile("ssh-v", ".log");
            Process ssh = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (Socket s = accept(listener, ssh, log); Transport t = Transport.server(s, config, Peers.TIMEOUT)) {
                Payload req = t.receive(Peers.TIMEOUT);
                assertEquals(MessageNumbers.SERVICE_REQUEST, req.messageNumber());
                WireWriter accept = new WireWriter().writeByte(MessageNumbers.SERVICE_ACCEPT).writeUtf8("ssh-userauth");
                t.send(accept.array(), 0, accept.length());
                Payload auth = t.receive(Peers.TIMEOUT);
                assertEquals(MessageNumbers.USERAUTH_REQUEST, auth.messageNumber());
                WireWriter failure = new WireWriter().writeByte(MessageNumbers.USERAUTH_FAILURE)
                        .writeNameList(List.of("publickey")).writeBoolean(false);
                t.send(failure.array(), 0, failure.length());
                assertTrue(ssh.waitFor(30, TimeUnit.SECONDS), "ssh finished");
            } finally {
                ssh.destroyForcibly();
            }
            String out = Files.readString(log);
            Files.delete(log);
            assertTrue(out.contains("SSH2_MSG_NEWKEYS received"), out);
            assertTrue(out.contains("Authentications that can continue: publickey"), out);
            assertTrue(out.contains(name), "ssh -v names " + name + ":\n" + out);
            assertTrue(out.contains("kex-strict") || out.contains("strict KEX"), "strict kex in ssh -v:\n" + out);
        }
    }
}
