package ssh.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running state of {@link PerSourcePenalties}: per source address, when its accumulated
 * penalty runs out and whether it has reached the enforcement threshold. Thread-safe.
 */
final class PenaltyBox {
    /** A source's penalty: refused while {@code active} and before {@code until} (System.nanoTime). */
    private record Penalty(long until, boolean active) {
    }

    private final PerSourcePenalties config;
    private final Map<InetAddress, Penalty> sources = new ConcurrentHashMap<>();

    PenaltyBox(PerSourcePenalties config) {
        this.config = config;
    }

    /** Whether new connections from {@code source} are refused now. */
    boolean refused(InetAddress source) {
        if (!config.enabled() || source == null) {
            return false;
        }
        Penalty p = sources.get(source);
        return p != null && p.active() && p.until() - System.nanoTime() > 0;
    }

    /** Adds {@code penalty} to {@code source}'s account, up to {@code max}. */
    void penalise(InetAddress source, Duration penalty) {
        if (!config.enabled() || source == null || penalty.isZero()) {
            return;
        }
        long now = System.nanoTime();
        if (sources.size() >= config.maxSources()) {
            sources.values().removeIf(p -> p.until() - now <= 0);
            if (sources.size() >= config.maxSources() && !sources.containsKey(source)) {
                return; // overflow:permissive
            }
        }
        sources.compute(source, (a, old) -> {
            long from = old == null || old.until() - now <= 0 ? now : old.until();
            long until = Math.min(from + penalty.toNanos(), now + config.max().toNanos());
            boolean active = old != null && old.active() && old.until() - now > 0
                    || until - now >= config.min().toNanos();
            return new Penalty(until, active);
        });
    }

    PerSourcePenalties config() {
        return config;
    }
}
