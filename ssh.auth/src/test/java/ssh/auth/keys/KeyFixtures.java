package ssh.auth.keys;

import ssh.auth.testing.OpenSshTools;
import ssh.auth.testing.OpenSshTools.Result;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/** Shared test fixtures: the default provider chain, the public-key algorithms and the real ssh-keygen. */
final class KeyFixtures {
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private KeyFixtures() {
    }

    static CryptoProvider crypto() {
        try {
            return AlgorithmRegistry.load().providerChain(null);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static PublicKeyAlgorithmFactory algorithm(String name) {
        return AlgorithmRegistry.load().find(AlgorithmFamily.PUBLIC_KEY, name)
                .orElseThrow(() -> new AssertionError("no public-key algorithm " + name + " (is ssh.kex on the path?)"));
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        return OpenSshTools.run(command);
    }

    /** Skips loudly without ssh-keygen, or fails when {@code SECSH_INTEROP=require}. */
    static void assumeSshKeygen() {
        OpenSshTools.assumeInstalled(SSH_KEYGEN);
    }
}
