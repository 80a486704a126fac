package ssh.test.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.ZoneOffset;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.AuthorizedKeys;
import ssh.auth.keys.OpenSshKeyFile;
import ssh.auth.keys.PassphraseSource;
import ssh.auth.keys.PrivateKeyFiles;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.knownhosts.KnownHosts;

/**
 * Fuzz targets for everything read from a file: private keys in every format, public key lines,
 * authorized_keys, known_hosts, and SSH public-key blobs. A passphrase is never given, so no KDF
 * runs (its parameters are checked before a passphrase is asked for).
 */
class KeyFileFuzzTest {
    private static final CryptoProvider CRYPTO = crypto();

    private static CryptoProvider crypto() {
        try {
            return AlgorithmRegistry.load().providerChain(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void privateKeyFiles(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Targets.expectOnlySshExceptions(() -> PrivateKeyFiles.read(text, PassphraseSource.none(), CRYPTO));
    }

    @FuzzTest(maxDuration = "10m")
    void openSshKeyBinary(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        Targets.expectOnlySshExceptions(() -> OpenSshKeyFile.decode(body));
    }

    @FuzzTest(maxDuration = "10m")
    void publicKeyLinesAndAuthorizedKeys(FuzzedDataProvider data) {
        String line = data.consumeString(4096);
        String file = data.consumeRemainingAsString();
        Targets.expectOnlySshExceptions(() -> PublicKeyFile.parse(line));
        Targets.expectOnlySshExceptions(() -> AuthorizedKeys.parse(file, ZoneOffset.UTC));
        Targets.expectOnlySshExceptions(() -> AuthorizedKeys.parseLine(line, 1, ZoneOffset.UTC));
    }

    @FuzzTest(maxDuration = "10m")
    void knownHosts(FuzzedDataProvider data) {
        int port = data.consumeInt(1, 65535);
        String file = data.consumeRemainingAsString();
        Targets.expectOnlySshExceptions(() -> {
            KnownHosts known = KnownHosts.parse(file.lines().toList(), CRYPTO);
            if (!known.entries().isEmpty()) {
                known.check("example.org", port, known.entries().get(0).key());
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void publicKeyAndSignatureBlobs(FuzzedDataProvider data) {
        byte[] key = data.consumeBytes(2048);
        byte[] signature = data.consumeRemainingAsBytes();
        Targets.expectOnlySshExceptions(() -> {
            SshPublicKey k = SshKeyCodec.publicKey(key);
            SshKeyCodec.rawSignature(signature, SshKeyCodec.publicMaterial(k));
        });
        Targets.expectOnlySshExceptions(() -> SshKeyCodec.signatureAlgorithm(signature));
    }
}
