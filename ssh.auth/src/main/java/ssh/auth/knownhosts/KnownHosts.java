package ssh.auth.knownhosts;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import ssh.api.SshCryptoException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.knownhosts.KnownHostEntry.Marker;

/**
 * An OpenSSH known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"), parsed once and then
 * queried: plain and hashed host names, wildcards and negation, {@code [host]:port} for ports
 * other than 22, and the {@code @revoked} and {@code @cert-authority} markers.
 *
 * <p>Parsing never fails: a line it cannot use is skipped, logged at DEBUG and listed in
 * {@link #skippedLines()}. Host names are compared case-insensitively (OpenSSH lowercases the host
 * name before looking it up). Immutable; safe for concurrent use.
 *
 * <pre>{@code
 * KnownHosts known = KnownHosts.load(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), crypto);
 * if (known.check("example.com", 22, serverKey) == KnownHosts.Match.KNOWN) { ... }
 * }</pre>
 */
public final class KnownHosts {
    private static final System.Logger LOG = System.getLogger(KnownHosts.class.getName());

    /** The port for which the host name is written without brackets and port. */
    public static final int DEFAULT_PORT = 22;

    /** What a known_hosts file says about a host's key. */
    public enum Match {
        /** A line for the host holds exactly this key, and the key is not revoked. */
        KNOWN,
        /** The key is on an {@code @revoked} line; this wins over every other answer. */
        REVOKED,
        /**
         * The host has lines, but none holds this key: "REMOTE HOST IDENTIFICATION HAS CHANGED".
         * As in OpenSSH, lines with keys of another type count, so that a man in the middle cannot
         * get a key accepted by offering a type not yet recorded for the host.
         */
        CHANGED,
        /** No line names the host (lines with markers do not count). */
        UNKNOWN
    }

    private final List<KnownHostsParser.Line> lines;
    private final List<Integer> skipped;
    private final CryptoProvider crypto;

    private KnownHosts(List<KnownHostsParser.Line> lines, List<Integer> skipped, CryptoProvider crypto) {
        this.lines = List.copyOf(lines);
        this.skipped = List.copyOf(skipped);
        this.crypto = Objects.requireNonNull(crypto);
    }

    /** Parses the lines of a known_hosts file; {@code crypto} supplies HMAC-SHA1 for hashed names. */
    public static KnownHosts parse(List<String> lines, CryptoProvider crypto) {
        return parse("known_hosts", lines, crypto);
    }

    /** Reads and parses {@code file}; a missing file is an empty one. */
    public static KnownHosts load(Path file, CryptoProvider crypto) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            content = new byte[0];
        }
        return parse(file.toString(), content, crypto);
    }

    /** Parses file content; bytes that are not UTF-8 only spoil the lines they are on. */
    static KnownHosts parse(String source, byte[] content, CryptoProvider crypto) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.isEmpty() || text.endsWith("\n")) {
            lines.removeLast();
        }
        return parse(source, lines, crypto);
    }

    private static KnownHosts parse(String source, List<String> text, CryptoProvider crypto) {
        List<KnownHostsParser.Line> lines = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        int number = 0;
        for (String s : text) {
            number++;
            try {
                KnownHostsParser.Line line = KnownHostsParser.parse(number, s);
                if (line != null) {
                    lines.add(line);
                }
            } catch (KnownHostsParser.Unparseable e) {
                skipped.add(number);
                LOG.log(Level.DEBUG, "{0}:{1}: line skipped: {2}", source, number, e.getMessage());
            }
        }
        return new KnownHosts(lines, skipped, crypto);
    }

    /**
     * What this file says about {@code key} for {@code host} on {@code port}: {@link Match#REVOKED}
     * if any {@code @revoked} line holds the key (whatever its hosts), else {@link Match#KNOWN} if
     * a line for the host holds it, else {@link Match#CHANGED} if the host has lines with other
     * keys, else {@link Match#UNKNOWN}. {@code host} is matched as given (a name or an address).
     *
     * @throws IllegalArgumentException if {@code host} or {@code port} cannot be a known_hosts name
     * @throws SshCryptoException if the file has hashed names and HMAC-SHA1 is unavailable
     */
    public Match check(String host, int port, SshPublicKey key) throws SshCryptoException {
        String name = hostName(host, port);
        for (KnownHostsParser.Line line : lines) {
            if (line.entry().marker() == Marker.REVOKED && line.entry().key().equals(key)) {
                return Match.REVOKED;
            }
        }
        boolean other = false;
        for (KnownHostEntry e : entriesFor(name, Marker.NONE)) {
            if (e.key().equals(key)) {
                return Match.KNOWN;
            }
            other = true;
        }
        return other ? Match.CHANGED : Match.UNKNOWN;
    }

    /** Every usable line, in file order. */
    public List<KnownHostEntry> entries() {
        return lines.stream().map(KnownHostsParser.Line::entry).toList();
    }

    /** The usable lines, of any marker, whose host field names {@code host} on {@code port}. */
    public List<KnownHostEntry> entriesFor(String host, int port) throws SshCryptoException {
        return entriesFor(hostName(host, port), null);
    }

    /**
     * The key types of the host keys (unmarked lines) recorded for {@code host} on {@code port},
     * in file order: the host key algorithms a client should prefer, as OpenSSH does, so that a
     * server with several keys does not present one that would look {@link Match#CHANGED}.
     */
    public List<String> keyTypesFor(String host, int port) throws SshCryptoException {
        Set<String> types = new LinkedHashSet<>();
        for (KnownHostEntry e : entriesFor(hostName(host, port), Marker.NONE)) {
            types.add(e.key().type());
        }
        return List.copyOf(types);
    }

    /** Every {@code @cert-authority} line (parsed and kept; not yet used to verify host keys). */
    public List<KnownHostEntry> certAuthorities() {
        return entries().stream().filter(e -> e.marker() == Marker.CERT_AUTHORITY).toList();
    }

    /** The {@code @cert-authority} lines whose host field names {@code host} on {@code port}. */
    public List<KnownHostEntry> certAuthoritiesFor(String host, int port) throws SshCryptoException {
        return entriesFor(hostName(host, port), Marker.CERT_AUTHORITY);
    }

    /** The numbers (from 1) of the lines that were neither entries, comments nor blank. */
    public List<Integer> skippedLines() {
        return skipped;
    }

    private List<KnownHostEntry> entriesFor(String name, Marker marker) throws SshCryptoException {
        HostPatterns.Hasher hasher = new HostPatterns.Hasher(crypto);
        List<KnownHostEntry> out = new ArrayList<>();
        for (KnownHostsParser.Line line : lines) {
            if ((marker == null || line.entry().marker() == marker) && line.hosts().matches(name, hasher)) {
                out.add(line.entry());
            }
        }
        return out;
    }

    /**
     * The name known_hosts uses for {@code host} on {@code port}, as OpenSSH forms it: the host
     * lowercased for port 22 (or 0, "unspecified"), {@code [host]:port} for any other port.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535, or the host is empty or
     *     holds whitespace, control characters or characters with a meaning in the host field
     *     ({@code , * ? ! [ ] | # @}), which could otherwise widen a line appended for it
     */
    public static String hostName(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == 127 || Character.isWhitespace(c) || Character.isISOControl(c)
                    || ",*?![]|#@".indexOf(c) >= 0) {
                throw new IllegalArgumentException("host name \"" + host.replaceAll("\\p{Cntrl}", "?")
                        + "\" holds a character known_hosts cannot take (position " + i + ")");
            }
        }
        String h = host.toLowerCase(Locale.ROOT);
        return port == 0 || port == DEFAULT_PORT ? h : "[" + h + "]:" + port;
    }

    /**
     * The line OpenSSH appends when it learns {@code key} for {@code host} on {@code port}, without
     * the newline: {@code name keytype base64}, or, if {@code hashed} (HashKnownHosts), the name
     * replaced by {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))} with a fresh 20-byte salt
     * from {@code crypto.random()}.
     *
     * @throws IllegalArgumentException if {@code host} or {@code port} cannot be a known_hosts name
     *     (see {@link #hostName}), or the key type is not a printable name
     */
    public static String appendLine(String host, int port, SshPublicKey key, boolean hashed, CryptoProvider crypto)
            throws SshCryptoException {
        String name = hostName(host, port);
        String type = key.type();
        if (type.isEmpty() || !type.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("key type \"" + type + "\" is not a printable name");
        }
        String field = hashed ? new HostPatterns.Hasher(crypto).hashedName(name) : name;
        return field + " " + type + " " + Base64.getEncoder().encodeToString(key.blob());
    }

    @Override
    public String toString() {
        return "KnownHosts[" + lines.size() + " entries, " + skipped.size() + " lines skipped]";
    }
}
