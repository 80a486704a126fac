package ssh.auth.keys;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import ssh.api.algorithms.PreferenceList;

/**
 * The pattern list of an authorized_keys {@code from="..."} option matched against a client's IP
 * address: {@code *} and {@code ?} wildcards, {@code address/bits} CIDR blocks, and a leading
 * {@code !} that denies whatever it matches. The address must match one pattern and no negated one.
 */
final class AddressPatterns {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private AddressPatterns() {
    }

    static boolean allows(List<String> patterns, String address) {
        boolean allowed = false;
        for (String raw : patterns) {
            boolean negated = raw.startsWith("!");
            String pattern = negated ? raw.substring(1) : raw;
            if (matches(pattern, address)) {
                if (negated) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static boolean matches(String pattern, String address) {
        int slash = pattern.indexOf('/');
        if (slash < 0) {
            return PreferenceList.matches(pattern.toLowerCase(Locale.ROOT), address.toLowerCase(Locale.ROOT));
        }
        try {
            String net = pattern.substring(0, slash);
            int bits = Integer.parseInt(pattern.substring(slash + 1));
            if (!LITERAL.matcher(net).matches() || !LITERAL.matcher(address).matches()) {
                return false;
            }
            byte[] a = InetAddress.getByName(address).getAddress();
            byte[] n = InetAddress.getByName(net).getAddress();
            if (a.length != n.length || bits < 0 || bits > a.length * 8) {
                return false;
            }
            int drop = a.length * 8 - bits;
            return new BigInteger(1, a).shiftRight(drop).equals(new BigInteger(1, n).shiftRight(drop));
        } catch (NumberFormatException | UnknownHostException e) {
            return false;
        }
    }
}
