package ssh.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The method chains of OpenSSH's {@code AuthenticationMethods}: a user is in when any chain is
 * completed in order. A method that succeeds advances every chain it heads; the methods the client
 * may use next are the heads of all chains.
 */
final class MethodChains {
    private final List<List<String>> remaining = new ArrayList<>();

    MethodChains(List<List<String>> chains) {
        for (List<String> c : chains) {
            remaining.add(new ArrayList<>(c));
        }
    }

    /** The methods that may be used next, in the configured order. */
    List<String> next() {
        Set<String> heads = new LinkedHashSet<>();
        for (List<String> c : remaining) {
            if (!c.isEmpty()) {
                heads.add(c.get(0));
            }
        }
        return List.copyOf(heads);
    }

    /** Records that {@code method} succeeded; true when that completes a chain. */
    boolean complete(String method) {
        boolean done = false;
        for (List<String> c : remaining) {
            if (!c.isEmpty() && c.get(0).equals(method)) {
                c.remove(0);
                done |= c.isEmpty();
            }
        }
        return done;
    }
}
