package ssh.auth.knownhosts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import ssh.api.SshCryptoException;
import ssh.api.algorithms.PreferenceList;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * The host field of a known_hosts line (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): either one hashed
 * name {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}, or a comma-separated list of
 * patterns where {@code *} and {@code ?} are wildcards and a leading {@code !} negates. Names and
 * patterns compare case-insensitively, as OpenSSH lowercases both.
 */
final class HostPatterns {
    /** The prefix of a hashed host name: OpenSSH's only hash format, HMAC-SHA1. */
    static final String HASH_MAGIC = "|1|";
    /** The salt length OpenSSH writes and requires: SHA-1's output size. */
    static final int SALT_LENGTH = 20;

    private final byte[] salt;
    private final byte[] hash;
    private final List<String> positive;
    private final List<String> negated;

    private HostPatterns(byte[] salt, byte[] hash, List<String> positive, List<String> negated) {
        this.salt = salt;
        this.hash = hash;
        this.positive = positive;
        this.negated = negated;
    }

    /** The patterns of {@code field}, or the reason it is unusable (a malformed hashed name). */
    static HostPatterns parse(String field) throws KnownHostsParser.Unparseable {
        if (field.startsWith("|")) {
            if (!field.startsWith(HASH_MAGIC)) {
                throw new KnownHostsParser.Unparseable("hashed host name of an unknown format");
            }
            String[] parts = field.substring(HASH_MAGIC.length()).split("\\|", -1);
            byte[] s;
            byte[] h;
            try {
                s = parts.length == 2 ? Base64.getDecoder().decode(parts[0]) : null;
                h = parts.length == 2 ? Base64.getDecoder().decode(parts[1]) : null;
            } catch (IllegalArgumentException e) {
                throw new KnownHostsParser.Unparseable("hashed host name is not base64");
            }
            if (s == null || s.length != SALT_LENGTH || h.length != SALT_LENGTH) {
                throw new KnownHostsParser.Unparseable("hashed host name needs a 20-byte salt and hash");
            }
            return new HostPatterns(s, h, List.of(), List.of());
        }
        List<String> positive = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        for (String p : field.toLowerCase(Locale.ROOT).split(",", -1)) {
            if (p.startsWith("!")) {
                negated.add(p.substring(1));
            } else {
                positive.add(p);
            }
        }
        return new HostPatterns(null, null, List.copyOf(positive), List.copyOf(negated));
    }

    /** Whether the field is a hashed name rather than patterns. */
    boolean hashed() {
        return salt != null;
    }

    /**
     * Whether {@code name} (lowercase; {@code host} or {@code [host]:port}) is named by this field:
     * it equals the hashed name, or matches a positive pattern and no negated one.
     */
    boolean matches(String name, Hasher hasher) throws SshCryptoException {
        if (salt != null) {
            return ConstantTime.equals(hasher.hash(salt, name), hash);
        }
        for (String p : negated) {
            if (PreferenceList.matches(p, name)) {
                return false;
            }
        }
        for (String p : positive) {
            if (PreferenceList.matches(p, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HMAC-SHA1 of host names under a salt, as hashed entries use. Holds one MAC, made on first
     * use, so a file without hashed entries never needs HMAC-SHA1. Not thread-safe.
     */
    static final class Hasher {
        private final CryptoProvider crypto;
        private MacPrimitive mac;

        Hasher(CryptoProvider crypto) {
            this.crypto = crypto;
        }

        /** HMAC-SHA1(key = salt, message = name). */
        byte[] hash(byte[] salt, String name) throws SshCryptoException {
            if (mac == null) {
                mac = crypto.mac(Primitive.HMAC_SHA1);
            }
            mac.init(salt);
            byte[] m = name.getBytes(StandardCharsets.UTF_8);
            mac.update(m, 0, m.length);
            byte[] out = new byte[mac.length()];
            mac.doFinal(out, 0);
            return out;
        }

        /** The hashed host field for {@code name} under a fresh random salt. */
        String hashedName(String name) throws SshCryptoException {
            byte[] s = new byte[SALT_LENGTH];
            crypto.random().nextBytes(s);
            Base64.Encoder b64 = Base64.getEncoder();
            return HASH_MAGIC + b64.encodeToString(s) + "|" + b64.encodeToString(hash(s, name));
        }
    }
}
