package ssh.auth.knownhosts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import ssh.api.SshProtocolException;
import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.WireReader;
import ssh.auth.knownhosts.KnownHostEntry.Marker;

/**
 * Turns one line of a known_hosts file into an entry: skips comments and blank lines, and names
 * the problem of a line it cannot use rather than guessing.
 */
final class KnownHostsParser {
    /** The key types {@link SshKeyCodec} decodes; a bad blob of one of these makes the line unusable. */
    private static final Set<String> CODEC_TYPES = Set.of(PublicKeyNames.SSH_ED25519, PublicKeyNames.SSH_ED448,
            PublicKeyNames.SSH_RSA, PublicKeyNames.SSH_DSS, PublicKeyNames.ECDSA_SHA2_NISTP256,
            PublicKeyNames.ECDSA_SHA2_NISTP384, PublicKeyNames.ECDSA_SHA2_NISTP521);

    private KnownHostsParser() {
    }

    /** A line that cannot be used, with the reason. */
    static final class Unparseable extends Exception {
        private static final long serialVersionUID = 1L;

        Unparseable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** An entry with its parsed host field. */
    record Line(KnownHostEntry entry, HostPatterns hosts) {
    }

    /** The entry on line {@code number}, or null for a comment or blank line. */
    static Line parse(int number, String text) throws Unparseable {
        Tokens t = new Tokens(text);
        String first = t.next();
        if (first == null || first.startsWith("#")) {
            return null;
        }
        Marker marker = Marker.NONE;
        if (first.startsWith("@")) {
            marker = switch (first) {
                case "@cert-authority" -> Marker.CERT_AUTHORITY;
                case "@revoked" -> Marker.REVOKED;
                default -> throw new Unparseable("unknown marker \"" + printable(first) + "\"");
            };
            first = t.next();
        }
        String type = t.next();
        String encoded = t.next();
        if (first == null || type == null || encoded == null) {
            throw new Unparseable("too few fields: need hosts, key type and key");
        }
        HostPatterns hosts = HostPatterns.parse(first);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new Unparseable("key is not base64");
        }
        String blobType = blobType(blob);
        if (!blobType.equals(type)) {
            throw new Unparseable("key type field \"" + printable(type) + "\" but the key is " + blobType);
        }
        SshPublicKey key;
        boolean checked = CODEC_TYPES.contains(type);
        if (checked) {
            try {
                key = SshKeyCodec.publicKey(blob);
            } catch (SshProtocolException e) {
                throw new Unparseable(e.getMessage());
            }
        } else {
            key = new SshPublicKey(type, blob);
        }
        return new Line(new KnownHostEntry(number, marker, first, key, checked, t.rest()), hosts);
    }

    /** The key type a blob starts with. */
    private static String blobType(byte[] blob) throws Unparseable {
        byte[] name;
        try {
            name = new WireReader(blob).readString("public key type", WireReader.MAX_NAME_LENGTH);
        } catch (SshProtocolException e) {
            throw new Unparseable(e.getMessage());
        }
        for (byte c : name) {
            if (c <= ' ' || c >= 127) {
                throw new Unparseable("key type in the key is not a printable name");
            }
        }
        if (name.length == 0) {
            throw new Unparseable("key type in the key is empty");
        }
        return new String(name, StandardCharsets.US_ASCII);
    }

    /** {@code s} cut short and with control characters replaced, for a log message. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 127 ? '?' : c);
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }

    /** Whitespace-separated fields of one line. */
    private static final class Tokens {
        private final String s;
        private int pos;

        Tokens(String s) {
            this.s = s;
        }

        /** The next field, or null at the end of the line. */
        String next() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && !space(s.charAt(pos))) {
                pos++;
            }
            return pos == start ? null : s.substring(start, pos);
        }

        /** The rest of the line, without surrounding whitespace. */
        String rest() {
            skipSpace();
            int end = s.length();
            while (end > pos && space(s.charAt(end - 1))) {
                end--;
            }
            return s.substring(pos, end);
        }

        private void skipSpace() {
            while (pos < s.length() && space(s.charAt(pos))) {
                pos++;
            }
        }

        private static boolean space(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000b';
        }
    }
}
