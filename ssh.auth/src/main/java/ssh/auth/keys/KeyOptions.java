package ssh.auth.keys;

import java.time.Instant;
import java.util.List;

/**
 * The options field of an authorized_keys line (sshd(8), AUTHORIZED_KEYS FILE FORMAT), parsed.
 * The booleans say what the key is allowed: each is {@code true} unless {@code restrict} or a
 * {@code no-*} option turned it off and no positive option ({@code pty}, ...) turned it back on.
 *
 * @param forcedCommand the {@code command="..."} to run instead of the client's, or null
 * @param from the {@code from="..."} host patterns the client must match; empty if unrestricted
 * @param environment the {@code environment="NAME=value"} settings, in order
 * @param permitOpen the {@code permitopen="host:port"} destinations; empty if unrestricted
 * @param permitListen the {@code permitlisten="[host:]port"} listen addresses; empty if unrestricted
 * @param expiryTime when the key stops being accepted ({@code expiry-time}), or null
 * @param pty whether a pseudo-terminal may be allocated
 * @param portForwarding whether port forwarding is allowed
 * @param agentForwarding whether agent forwarding is allowed
 * @param x11Forwarding whether X11 forwarding is allowed
 * @param userRc whether {@code ~/.ssh/rc} is run
 * @param certAuthority whether the key is a certificate authority ({@code cert-authority}), not a user key
 * @param principals the {@code principals="..."} names allowed for certificates; empty if not given
 * @param tunnel the {@code tunnel="n"} device number, or -1 if not given
 */
public record KeyOptions(String forcedCommand, List<String> from, List<String> environment, List<String> permitOpen,
        List<String> permitListen, Instant expiryTime, boolean pty, boolean portForwarding, boolean agentForwarding,
        boolean x11Forwarding, boolean userRc, boolean certAuthority, List<String> principals, int tunnel) {
    /** The options of a line without an options field: everything allowed. */
    public static final KeyOptions NONE = new KeyOptions(null, List.of(), List.of(), List.of(), List.of(), null,
            true, true, true, true, true, false, List.of(), -1);

    /** Copies the lists, so the record is immutable. */
    public KeyOptions {
        from = List.copyOf(from);
        environment = List.copyOf(environment);
        permitOpen = List.copyOf(permitOpen);
        permitListen = List.copyOf(permitListen);
        principals = List.copyOf(principals);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiryTime != null && !now.isBefore(expiryTime);
    }

    /** Whether a client at IP address {@code address} satisfies {@code from="..."} (always, without it). */
    public boolean allowsFrom(String address) {
        return from.isEmpty() || AddressPatterns.allows(from, address);
    }
}
