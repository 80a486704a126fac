package ssh.connection;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts connections that have not logged in yet, in all and per source address: OpenSSH's
 * {@code MaxStartups} (as a hard limit) and {@code PerSourceMaxStartups}. Thread-safe.
 */
final class StartupGate {
    private final int max;
    private final int perSource;
    private final AtomicInteger all = new AtomicInteger();
    private final Map<InetAddress, Integer> bySource = new ConcurrentHashMap<>();

    StartupGate(int max, int perSource) {
        this.max = max;
        this.perSource = perSource;
    }

    /** Counts one more unauthenticated connection from {@code source} (null: unknown), or returns false past a limit. */
    boolean admit(InetAddress source) {
        if (all.incrementAndGet() > max) {
            all.decrementAndGet();
            return false;
        }
        if (source != null) {
            boolean[] ok = {true};
            bySource.compute(source, (a, n) -> {
                int count = n == null ? 0 : n;
                if (count >= perSource) {
                    ok[0] = false;
                    return n;
                }
                return count + 1;
            });
            if (!ok[0]) {
                all.decrementAndGet();
                return false;
            }
        }
        return true;
    }

    /** The connection from {@code source} logged in or ended. */
    void release(InetAddress source) {
        all.decrementAndGet();
        if (source != null) {
            bySource.computeIfPresent(source, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    int unauthenticated() {
        return all.get();
    }
}
