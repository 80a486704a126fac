package ssh.auth.keys;

import java.io.IOException;

/**
 * Where the passphrase of an encrypted private key comes from: a terminal prompt, an
 * {@code SSH_ASKPASS} program, a secret store. It is asked only when a file turns out to be
 * encrypted, and may be asked again after a wrong answer.
 */
@FunctionalInterface
public interface PassphraseSource {
    /**
     * The passphrase for the key described by {@code keyDescription} (a file name or the key's
     * comment), or {@code null} to give up. The caller wipes the returned array after use.
     */
    char[] passphrase(String keyDescription) throws IOException;

    /** A source for keys that must not be encrypted: asking it gives up. */
    static PassphraseSource none() {
        return description -> null;
    }

    /** A source that always answers {@code passphrase} (copied now; each answer is a fresh copy). */
    static PassphraseSource of(char[] passphrase) {
        char[] copy = passphrase.clone();
        return description -> copy.clone();
    }
}
