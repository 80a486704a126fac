package ssh.auth.knownhosts;

import ssh.auth.testing.OpenSshTools;
import ssh.auth.testing.OpenSshTools.Result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireWriter;

/** Shared test fixtures: the default provider chain, throwaway keys, and the real ssh-keygen. */
final class Fixtures {
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private Fixtures() {
    }

    static CryptoProvider crypto() {
        try {
            return AlgorithmRegistry.load().providerChain(null);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** A well-formed Ed25519 key blob (any 32 bytes decode; known_hosts never checks the point). */
    static SshPublicKey ed25519() {
        return SshKeyCodec.encodePublic("ssh-ed25519", new PublicKeyMaterial.Edwards(random(32)));
    }

    /** A well-formed P-256 key blob: an uncompressed point's shape, not necessarily on the curve. */
    static SshPublicKey ecdsa() {
        byte[] q = random(65);
        q[0] = 4;
        return SshKeyCodec.encodePublic("ecdsa-sha2-nistp256", new PublicKeyMaterial.Ec(q));
    }

    /** A key of a type secsh does not decode. */
    static SshPublicKey unknownType(String type) {
        return new SshPublicKey(type, new WireWriter(64).writeUtf8(type).writeString(random(24)).toByteArray());
    }

    /** {@code hosts keytype base64}. */
    static String line(String hosts, SshPublicKey key) {
        return hosts + " " + key.type() + " " + Base64.getEncoder().encodeToString(key.blob());
    }

    /** The key of an OpenSSH {@code .pub} line. */
    static SshPublicKey fromPub(String pubLine) throws SshException {
        return SshKeyCodec.publicKey(Base64.getDecoder().decode(pubLine.strip().split("\\s+")[1]));
    }

    /** Generates a key with ssh-keygen in {@code dir}; returns its public key. */
    static SshPublicKey keygen(Path dir, String type) throws IOException, InterruptedException, SshException {
        Path priv = dir.resolve("id_" + type + "_" + System.nanoTime());
        Result r = run(List.of(SSH_KEYGEN.toString(), "-q", "-N", "", "-t", type, "-f", priv.toString()));
        if (r.exit() != 0) {
            throw new IOException("ssh-keygen -t " + type + " failed: " + r.output());
        }
        return fromPub(Files.readString(Path.of(priv + ".pub"), StandardCharsets.US_ASCII));
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        return OpenSshTools.run(command);
    }

    /** Skips loudly without ssh-keygen, or fails when {@code SECSH_INTEROP=require}. */
    static void assumeSshKeygen() {
        OpenSshTools.assumeInstalled(SSH_KEYGEN);
    }
}
