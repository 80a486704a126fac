package ssh.auth.agent;

import ssh.auth.testing.OpenSshTools.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.auth.keys.OpenSshKeyFile;

/** AgentClient against a real OpenSSH ssh-agent. */
class AgentClientInteropTest {
    private static final byte[] DATA = "data to sign".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private AgentFixture agent;
    private AgentClient client;

    @BeforeEach
    void start() throws Exception {
        agent = AgentFixture.start(dir);
        client = AgentClient.connect(agent.socket);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private static CryptoProvider crypto() throws SshException {
        return AlgorithmRegistry.load().providerChain(null);
    }

    private static PublicKeyAlgorithmFactory algorithm(String name) {
        return AlgorithmRegistry.load().find(AlgorithmFamily.PUBLIC_KEY, name)
                .orElseThrow(() -> new AssertionError("no public-key algorithm " + name));
    }

    private void assertVerifies(SshPublicKey key, byte[] signature, String algorithm) throws Exception {
        assertEquals(algorithm, SshKeyCodec.signatureAlgorithm(signature));
        assertTrue(algorithm(algorithm).verify(key, DATA, signature, crypto()), algorithm + " signature verifies");
        byte[] other = "other data".getBytes(StandardCharsets.UTF_8);
        assertTrue(!algorithm(algorithm).verify(key, other, signature, crypto()), "signature is bound to the data");
    }

    private Identity only(String comment) throws Exception {
        return client.identities().stream().filter(i -> i.comment().equals(comment)).findFirst()
                .orElseThrow(() -> new AssertionError("agent lacks " + comment));
    }

    @Test
    void listsAndSignsWithKeysAddedBySshAdd() throws Exception {
        assertEquals(List.of(), client.identities());
        Path ed = agent.keygen("ed25519", "ed-key");
        Path ec = agent.keygen("ecdsa", "ec-key", "-b", "256");
        Path rsa = agent.keygen("rsa", "rsa-key", "-b", "2048");
        assertEquals(0, agent.sshAdd(ed.toString(), ec.toString(), rsa.toString()).exit());

        List<Identity> ids = client.identities();
        Map<String, String> types = ids.stream().collect(Collectors.toMap(Identity::comment, i -> i.key().type()));
        assertEquals(Map.of("ed-key", "ssh-ed25519", "ec-key", "ecdsa-sha2-nistp256", "rsa-key", "ssh-rsa"), types);
        for (Identity id : ids) {
            String pub = Files.readString(dir.resolve(fileOf(id) + ".pub"));
            assertEquals(java.util.Base64.getEncoder().encodeToString(id.key().blob()), pub.split(" ")[1], id.comment());
        }

        assertVerifies(only("ed-key").key(), client.sign(only("ed-key").key(), DATA, 0), "ssh-ed25519");
        assertVerifies(only("ec-key").key(), client.sign(only("ec-key").key(), DATA, 0), "ecdsa-sha2-nistp256");
        SshPublicKey rsaKey = only("rsa-key").key();
        assertVerifies(rsaKey, client.sign(rsaKey, DATA, AgentClient.SSH_AGENT_RSA_SHA2_256), "rsa-sha2-256");
        assertVerifies(rsaKey, client.sign(rsaKey, DATA, AgentClient.SSH_AGENT_RSA_SHA2_512), "rsa-sha2-512");
    }

    private static String fileOf(Identity id) {
        return switch (id.comment()) {
            case "ed-key" -> "ed25519-ed-key";
            case "ec-key" -> "ecdsa-ec-key";
            default -> "rsa-rsa-key";
        };
    }

    @Test
    void addsGeneratedKeyThatSshAddLists() throws Exception {
        CryptoProvider crypto = crypto();
        try (SshKeyPair pair = SshKeyCodec.keyPair("ssh-ed25519", crypto.generateKeyPair(Primitive.ED25519, 0))) {
            client.add(pair, "generated ☃");
            assertEquals(List.of(new Identity(pair.publicKey(), "generated ☃")), client.identities());
            Result listed = agent.sshAdd("-l");
            assertEquals(0, listed.exit(), listed.output());
            assertTrue(listed.output().contains(Fingerprints.sha256(pair.publicKey(), crypto)), listed.output());
            assertVerifies(pair.publicKey(), client.sign(pair.publicKey(), DATA, 0), "ssh-ed25519");
        }
    }

    @Test
    void addsKeysReadFromOpenSshFiles() throws Exception {
        for (String[] spec : List.of(new String[] {"ecdsa", "384", "ecdsa-sha2-nistp384"},
                new String[] {"rsa", "2048", "rsa-sha2-512"})) {
            Path file = agent.keygen(spec[0], "file-" + spec[0], "-b", spec[1]);
            OpenSshKeyFile.KeyFile read = OpenSshKeyFile.read(file);
            client.add(read.keyPair(), read.comment());
            SshPublicKey key = read.keyPair().publicKey();
            int flags = spec[0].equals("rsa") ? AgentClient.SSH_AGENT_RSA_SHA2_512 : 0;
            assertVerifies(key, client.sign(key, DATA, flags), spec[2]);
        }
        assertEquals(Set.of("file-ecdsa", "file-rsa"),
                client.identities().stream().map(Identity::comment).collect(Collectors.toSet()));
    }

    @Test
    void removesKeys() throws Exception {
        Path a = agent.keygen("ed25519", "a");
        Path b = agent.keygen("ed25519", "b");
        Path c = agent.keygen("ed25519", "c");
        assertEquals(0, agent.sshAdd(a.toString(), b.toString(), c.toString()).exit());
        client.remove(only("b").key());
        assertEquals(Set.of("a", "c"), client.identities().stream().map(Identity::comment).collect(Collectors.toSet()));
        AgentException again = assertThrows(AgentException.class, () -> client.remove(
                OpenSshKeyFile.read(b).keyPair().publicKey()));
        assertTrue(again.getMessage().contains("refused"), again.getMessage());
        client.removeAll();
        assertEquals(List.of(), client.identities());
        assertTrue(agent.sshAdd("-l").output().contains("no identities"));
    }

    @Test
    void signingWithAKeyTheAgentLacksFails() throws Exception {
        try (SshKeyPair pair = SshKeyCodec.keyPair("ssh-ed25519", crypto().generateKeyPair(Primitive.ED25519, 0))) {
            AgentException e = assertThrows(AgentException.class, () -> client.sign(pair.publicKey(), DATA, 0));
            assertTrue(e.getMessage().contains("refused to sign with ssh-ed25519 key"), e.getMessage());
            // The connection stays usable after a refusal.
            assertEquals(List.of(), client.identities());
        }
    }

    @Test
    void fromEnvironmentUsesSshAuthSock() throws Exception {
        assertTrue(AgentClient.fromEnvironment(Map.of()).isEmpty());
        assertTrue(AgentClient.fromEnvironment(Map.of("SSH_AUTH_SOCK", " ")).isEmpty());
        try (AgentClient env = AgentClient.fromEnvironment(Map.of("SSH_AUTH_SOCK", agent.socket.toString())).orElseThrow()) {
            assertEquals(List.of(), env.identities());
        }
    }
}
