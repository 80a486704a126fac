package ssh.tools.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import ssh.api.HostKeyVerifier;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.knownhosts.KnownHosts;
import ssh.auth.knownhosts.KnownHostsVerifier;

/**
 * {@code StrictHostKeyChecking=ask}, OpenSSH's default: a host not in known_hosts is shown with its
 * key's fingerprint and the user is asked; yes (or the fingerprint typed back) adds it. Known,
 * changed and revoked keys are handled as with {@code yes}.
 */
final class AskingVerifier implements HostKeyVerifier {
    private final Path file;
    private final CryptoProvider crypto;
    private final Prompts prompts;
    private final KnownHostsVerifier strict;
    private final KnownHostsVerifier adding;

    AskingVerifier(Path file, CryptoProvider crypto, Prompts prompts, boolean hash) {
        this.file = file;
        this.crypto = crypto;
        this.prompts = prompts;
        this.strict = KnownHostsVerifier.of(file, KnownHostsVerifier.Policy.YES, crypto, hash);
        this.adding = KnownHostsVerifier.of(file, KnownHostsVerifier.Policy.ACCEPT_NEW, crypto, hash);
    }

    @Override
    public boolean verify(String host, int port, SshPublicKey key) throws SshException {
        KnownHosts known;
        try {
            known = KnownHosts.load(file, crypto);
        } catch (NoSuchFileException e) {
            known = KnownHosts.parse(List.of(), crypto);
        } catch (IOException e) {
            return strict.verify(host, port, key);
        }
        if (known.check(host, port, key) != KnownHosts.Match.UNKNOWN) {
            return strict.verify(host, port, key);
        }
        String fingerprint = Fingerprints.sha256(key, crypto);
        String question = "The authenticity of host '" + KnownHosts.hostName(host, port) + "' can't be established.\n"
                + key.type() + " key fingerprint is " + fingerprint + ".\n"
                + "Are you sure you want to continue connecting (yes/no/[fingerprint])? ";
        char[] answer;
        try {
            answer = prompts.ask(question, true);
        } catch (IOException e) {
            answer = null;
        }
        String a = answer == null ? "" : new String(answer).strip();
        if (a.equalsIgnoreCase("yes") || a.equals(fingerprint)) {
            return adding.verify(host, port, key);
        }
        throw new SshHostKeyException("Host key verification failed.");
    }

    @Override
    public List<String> knownKeyTypes(String host, int port) throws SshException {
        return strict.knownKeyTypes(host, port);
    }
}
