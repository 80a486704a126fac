package ssh.auth.knownhosts;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import ssh.api.HostKeyVerifier;
import ssh.api.SshCryptoException;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.knownhosts.KnownHostEntry.Marker;

/**
 * Checks server host keys against a known_hosts file with one of OpenSSH's
 * {@code StrictHostKeyChecking} policies. The file is read again on every call, so edits (and
 * other processes' additions) take effect at once.
 *
 * <p>Under every policy a {@link KnownHosts.Match#CHANGED changed} or
 * {@link KnownHosts.Match#REVOKED revoked} key is rejected with an {@link SshHostKeyException}
 * whose message reads like OpenSSH's; {@code verify} never returns {@code true} for either. (With
 * {@code StrictHostKeyChecking=no}, OpenSSH itself lets such connections go on with password
 * authentication and forwarding disabled; secsh has no such half-trusted state and refuses.)
 *
 * <pre>{@code
 * HostKeyVerifier v = KnownHostsVerifier.of(Path.of(home, ".ssh", "known_hosts"),
 *         KnownHostsVerifier.Policy.ACCEPT_NEW, crypto, true);
 * }</pre>
 */
public final class KnownHostsVerifier implements HostKeyVerifier {
    private static final System.Logger LOG = System.getLogger(KnownHostsVerifier.class.getName());
    private static final String FAILED = "Host key verification failed.";

    /** OpenSSH's {@code StrictHostKeyChecking} values, less the interactive {@code ask}. */
    public enum Policy {
        /** {@code yes}: accept only keys already in the file; never add to it. */
        YES,
        /** {@code accept-new}: add keys of hosts the file does not know; reject changed keys. */
        ACCEPT_NEW,
        /** {@code no}/{@code off}: as {@link #ACCEPT_NEW} in secsh, which also rejects changed keys. */
        NO;

        /** The policy named by an ssh_config value: yes, accept-new, no or off (any case). */
        public static Policy fromConfig(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "yes" -> YES;
                case "accept-new" -> ACCEPT_NEW;
                case "no", "off" -> NO;
                case "ask" -> throw new IllegalArgumentException(
                        "StrictHostKeyChecking=ask needs a user to ask; use yes or accept-new");
                default -> throw new IllegalArgumentException("unknown StrictHostKeyChecking value \"" + value + "\"");
            };
        }
    }

    private final Path file;
    private final Policy policy;
    private final CryptoProvider crypto;
    private final boolean hashNewEntries;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    private KnownHostsVerifier(Path file, Policy policy, CryptoProvider crypto, boolean hashNewEntries) {
        this.file = Objects.requireNonNull(file);
        this.policy = Objects.requireNonNull(policy);
        this.crypto = Objects.requireNonNull(crypto);
        this.hashNewEntries = hashNewEntries;
    }

    /**
     * A verifier over {@code file} with {@code policy}; new keys are written with hashed host names
     * if {@code hashNewEntries} (OpenSSH's {@code HashKnownHosts}).
     */
    public static KnownHostsVerifier of(Path file, Policy policy, CryptoProvider crypto, boolean hashNewEntries) {
        return new KnownHostsVerifier(file, policy, crypto, hashNewEntries);
    }

    /** The known_hosts file this verifier reads and appends to. */
    public Path file() {
        return file;
    }

    /** The policy for keys the file does not know. */
    public Policy policy() {
        return policy;
    }

    /**
     * Accepts a key the file knows for the host; under {@link Policy#ACCEPT_NEW} and
     * {@link Policy#NO}, also a key for a host the file has no line for, which is then appended
     * (creating the file, and its missing parent directories with mode 0700, as needed). A key
     * that cannot be recorded is rejected. Everything else throws {@link SshHostKeyException}.
     */
    @Override
    public boolean verify(String host, int port, SshPublicKey key) throws SshException {
        String name;
        try {
            name = KnownHosts.hostName(host, port);
        } catch (IllegalArgumentException e) {
            throw new SshHostKeyException(e.getMessage() + ". " + FAILED, e);
        }
        lock.lock();
        try {
            byte[] content = read();
            KnownHosts known = KnownHosts.parse(file.toString(), content, crypto);
            switch (known.check(host, port, key)) {
                case KNOWN -> {
                    return true;
                }
                case REVOKED -> throw new SshHostKeyException("WARNING: REVOKED HOST KEY DETECTED! The "
                        + shortType(key) + " host key for " + name + " (" + fingerprint(key)
                        + ") is marked as revoked in " + file + ". This could mean that a stolen key is being"
                        + " used to impersonate this host. " + FAILED);
                case CHANGED -> throw changed(known, host, port, name, key);
                case UNKNOWN -> {
                    // handled below
                }
            }
            if (policy == Policy.YES) {
                throw new SshHostKeyException("No " + shortType(key) + " host key is known for " + name
                        + " and you have requested strict checking. " + FAILED);
            }
            append(content, host, port, key);
        } finally {
            lock.unlock();
        }
        LOG.log(Level.INFO, "Permanently added ''{0}'' ({1}) to the list of known hosts in {2}.",
                name, shortType(key), file);
        return true;
    }

    /** The key types the file has for the host, so the client can offer those first. */
    @Override
    public List<String> knownKeyTypes(String host, int port) throws SshException {
        try {
            return KnownHosts.parse(file.toString(), read(), crypto).keyTypesFor(host, port);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private SshHostKeyException changed(KnownHosts known, String host, int port, String name, SshPublicKey key)
            throws SshCryptoException {
        String offending = known.entriesFor(host, port).stream().filter(e -> e.marker() == Marker.NONE)
                .map(e -> shortType(e.key()) + " key in " + file + ":" + e.line()).collect(Collectors.joining(", "));
        String why = policy == Policy.NO
                ? " has changed, and secsh refuses changed host keys even with StrictHostKeyChecking=no. "
                : " has changed and you have requested strict checking. ";
        return new SshHostKeyException("WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! IT IS POSSIBLE THAT"
                + " SOMEONE IS DOING SOMETHING NASTY! Someone could be eavesdropping on you right now"
                + " (man-in-the-middle attack)! It is also possible that a host key has just been changed."
                + " The fingerprint for the " + shortType(key) + " key sent by the remote host is "
                + fingerprint(key) + ". Offending " + offending + ". Host key for " + name + why + FAILED);
    }

    private byte[] read() throws SshHostKeyException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new SshHostKeyException("cannot read " + file + ": " + e + ". " + FAILED, e);
        }
    }

    private void append(byte[] content, String host, int port, SshPublicKey key) throws SshException {
        String line = KnownHosts.appendLine(host, port, key, hashNewEntries, crypto);
        boolean newline = content.length > 0 && content[content.length - 1] != '\n';
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(parent);
                }
            }
            Files.writeString(file, (newline ? "\n" : "") + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SshHostKeyException("Failed to add the host to the list of known hosts (" + file + "): " + e
                    + ". " + FAILED, e);
        }
    }

    private String fingerprint(SshPublicKey key) {
        try {
            return Fingerprints.sha256(key, crypto);
        } catch (SshCryptoException e) {
            return "fingerprint unavailable: " + e.getMessage();
        }
    }

    /** OpenSSH's short name of a key type, as in "(ED25519)". */
    static String shortType(SshPublicKey key) {
        String t = key.type();
        return switch (t) {
            case "ssh-ed25519" -> "ED25519";
            case "ssh-ed448" -> "ED448";
            case "ssh-rsa" -> "RSA";
            case "ssh-dss" -> "DSA";
            default -> t.startsWith("ecdsa-sha2-") ? "ECDSA" : t;
        };
    }

    @Override
    public String toString() {
        return "KnownHostsVerifier[" + file + ", " + policy + (hashNewEntries ? ", hashed" : "") + "]";
    }
}
