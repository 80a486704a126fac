package ssh.auth.knownhosts;

import java.util.Objects;
import ssh.api.crypto.SshPublicKey;

/**
 * One usable line of a known_hosts file: {@code [marker] hosts keytype base64-key [comment]}.
 *
 * @param line the line's number in the file, from 1
 * @param marker the marker before the host field, or {@link Marker#NONE}
 * @param hosts the host field as written: comma-separated patterns, or one hashed name
 *     ({@code |1|salt|hash})
 * @param key the key; a key whose type secsh cannot decode is kept as its type and blob, unchecked
 * @param keyChecked whether {@link ssh.api.crypto.SshKeyCodec} decoded and checked the key, false
 *     for key types it does not know
 * @param comment the rest of the line after the key, or the empty string
 */
public record KnownHostEntry(int line, Marker marker, String hosts, SshPublicKey key, boolean keyChecked,
        String comment) {
    /** The optional marker at the start of a known_hosts line. */
    public enum Marker {
        /** No marker: a host key. */
        NONE,
        /** {@code @cert-authority}: a CA key whose certificates are trusted for the hosts. */
        CERT_AUTHORITY,
        /** {@code @revoked}: a key that must never be accepted. */
        REVOKED
    }

    /** Checks that no component is null. */
    public KnownHostEntry {
        Objects.requireNonNull(marker);
        Objects.requireNonNull(hosts);
        Objects.requireNonNull(key);
        Objects.requireNonNull(comment);
    }

    /** Whether the host field is a hashed name rather than patterns. */
    public boolean hashed() {
        return hosts.startsWith(HostPatterns.HASH_MAGIC);
    }
}
