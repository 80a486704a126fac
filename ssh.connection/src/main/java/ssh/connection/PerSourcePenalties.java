package ssh.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * OpenSSH 9.8's {@code PerSourcePenalties}: a source address whose connections end badly is
 * refused new connections for a while. Each connection that ends before login earns its source a
 * penalty ({@code authfail} after failed authentication, {@code grace-exceeded} when
 * {@code LoginGraceTime} ran out, {@code noauth} for anything else, garbage included); penalties
 * add up to {@code max}, and a source is refused only once they reach {@code min}. At most
 * {@code maxSources} addresses are tracked; past that, new sources go unpenalised (OpenSSH's
 * {@code overflow:permissive}). Addresses are tracked one by one ({@code PerSourceNetBlockSize 32:128}).
 *
 * <p>On by default with OpenSSH's values, as in sshd; {@link #OFF} disables it. Immutable.
 */
public record PerSourcePenalties(boolean enabled, Duration crash, Duration authfail, Duration noauth,
        Duration graceExceeded, Duration max, Duration min, int maxSources) {
    /** sshd's defaults: crash 90s, authfail 5s, noauth 1s, grace-exceeded 20s, max 10m, min 15s, 65536 sources. */
    public static final PerSourcePenalties DEFAULT = new PerSourcePenalties(true, Duration.ofSeconds(90),
            Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(10),
            Duration.ofSeconds(15), 65536);
    /** {@code PerSourcePenalties no}. */
    public static final PerSourcePenalties OFF = new PerSourcePenalties(false, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    public PerSourcePenalties {
        for (Duration d : new Duration[] {crash, authfail, noauth, graceExceeded, max, min}) {
            if (Objects.requireNonNull(d).isNegative()) {
                throw new IllegalArgumentException("negative penalty: " + d);
            }
        }
        if (maxSources < 0) {
            throw new IllegalArgumentException("max-sources must not be negative: " + maxSources);
        }
    }

    /** These penalties with {@code authfail}, {@code noauth} and {@code grace-exceeded} replaced. */
    public PerSourcePenalties withPenalties(Duration authfail, Duration noauth, Duration graceExceeded) {
        return new PerSourcePenalties(true, crash, authfail, noauth, graceExceeded, max, min, maxSources);
    }

    /** These penalties with the {@code min} threshold and {@code max} cap replaced. */
    public PerSourcePenalties withBounds(Duration min, Duration max) {
        return new PerSourcePenalties(true, crash, authfail, noauth, graceExceeded, max, min, maxSources);
    }
}
