package ssh.connection;

import ssh.auth.AuthenticatedUser;

/**
 * Decides which port forwardings an {@link SshServer} grants a logged-in user: {@code direct-tcpip}
 * ({@code ssh -L}, {@code -D}, {@code -W}), {@code tcpip-forward} ({@code ssh -R}) and
 * {@code direct-streamlocal@openssh.com} (a Unix socket on the server), and where remote-forward
 * listeners bind. The options of the user's authorized_keys line narrow it further:
 * {@code no-port-forwarding} (or {@code restrict}) refuses all three, {@code permitopen} limits the
 * targets of {@code direct-tcpip}, {@code permitlisten} the listeners of {@code tcpip-forward}.
 * A refused open is answered ADMINISTRATIVELY_PROHIBITED, a refused request with REQUEST_FAILURE.
 *
 * <p>Override only what differs from {@link #DEFAULT}:
 * <pre>{@code
 * SshServer.builder().forwarding(new ForwardingPolicy() {
 *     public boolean allowDirectTcpip(AuthenticatedUser user, String host, int port) {
 *         return host.equals("db.internal") && port == 5432;
 *     }
 * })
 * }</pre>
 */
public interface ForwardingPolicy {
    /** OpenSSH's {@code GatewayPorts}: where a remote-forward listener binds. */
    enum GatewayPorts {
        /** Loopback, whatever address the client asked for ({@code GatewayPorts no}, sshd's default). */
        NO,
        /** The wildcard address, whatever the client asked for ({@code GatewayPorts yes}). */
        YES,
        /**
         * The address the client asked for: {@code ""}, {@code "*"}, {@code "0.0.0.0"} or {@code "::"}
         * for every address, {@code "localhost"} for loopback, or an IP address
         * ({@code GatewayPorts clientspecified}); host names are refused, so no request waits on DNS.
         */
        CLIENT_SPECIFIED
    }

    /**
     * OpenSSH's defaults ({@code AllowTcpForwarding yes}, {@code GatewayPorts no}): {@code direct-tcpip}
     * to any host; {@code tcpip-forward} on port 0 or 1024 and above (sshd lets only root listen
     * below), bound to loopback. Unlike sshd ({@code AllowStreamLocalForwarding yes}), Unix-socket
     * forwarding is refused: sshd connects as the user, within the user's file permissions, whereas
     * this server connects as its own process.
     */
    ForwardingPolicy DEFAULT = new ForwardingPolicy() {
    };

    /** Refuses every forwarding ({@code DisableForwarding yes}). */
    ForwardingPolicy NONE = new ForwardingPolicy() {
        @Override
        public boolean allowDirectTcpip(AuthenticatedUser user, String host, int port) {
            return false;
        }

        @Override
        public boolean allowTcpipForward(AuthenticatedUser user, String address, int port) {
            return false;
        }
    };

    /** Whether {@code user} may open a connection to {@code host:port} from the server. */
    default boolean allowDirectTcpip(AuthenticatedUser user, String host, int port) {
        return true;
    }

    /**
     * Whether {@code user} may have the server listen on {@code address} (as the client wrote it)
     * and {@code port} (0: any free port); {@link #gatewayPorts()} then says where it binds.
     */
    default boolean allowTcpipForward(AuthenticatedUser user, String address, int port) {
        return port == 0 || port >= 1024;
    }

    /** Whether {@code user} may connect to the Unix socket at {@code path} on the server. */
    default boolean allowDirectStreamLocal(AuthenticatedUser user, String path) {
        return false;
    }

    /** Where remote-forward listeners bind; {@link GatewayPorts#NO} by default. */
    default GatewayPorts gatewayPorts() {
        return GatewayPorts.NO;
    }
}
