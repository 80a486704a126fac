package ssh.connection;

import java.time.Duration;
import java.util.List;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.AuthenticatedUser;
import ssh.transport.Transport;

/**
 * The server side of the connection protocol for a client that has logged in: starts the
 * {@link Connection} with the server's channel limits, opens session channels with its handlers
 * and forwarded channels under its {@link ForwardingPolicy}, answers global requests with
 * {@link ServerGlobalRequests}, runs ClientAliveInterval and UnusedConnectionTimeout, and
 * announces the host keys ({@code hostkeys-00@openssh.com}). One instance serves every connection
 * of an {@link SshServer}; it holds only configuration.
 */
final class ServerConnection {
    private final ChannelLimits limits;
    private final SessionHandlers handlers;
    private final ForwardingPolicy forwardingPolicy;
    private final Duration aliveInterval;
    private final int aliveCountMax;
    private final Duration unusedTimeout;
    private final List<SshKeyPair> hostKeys;

    ServerConnection(ChannelLimits limits, SessionHandlers handlers, ForwardingPolicy forwardingPolicy,
            Duration aliveInterval, int aliveCountMax, Duration unusedTimeout, List<SshKeyPair> hostKeys) {
        this.limits = limits;
        this.handlers = handlers;
        this.forwardingPolicy = forwardingPolicy;
        this.aliveInterval = aliveInterval;
        this.aliveCountMax = aliveCountMax;
        this.unusedTimeout = unusedTimeout;
        this.hostKeys = hostKeys;
    }

    /** Serves {@code user}'s connection over {@code transport} until it ends; the caller closes the transport. */
    void serve(Transport transport, AuthenticatedUser user) throws SshException {
        start(transport, user, () -> { }).awaitEnd(Duration.ofDays(3650));
    }

    /**
     * Starts serving {@code user}'s connection over {@code transport} on the connection's own
     * dispatcher thread and returns; {@code onEnd} runs there once the connection has ended (also
     * when this throws, which closes the transport).
     */
    Connection start(Transport transport, AuthenticatedUser user, Runnable onEnd) throws SshException {
        ServerForwarding forwarding = new ServerForwarding(user, forwardingPolicy);
        ServerGlobalRequests globals = new ServerGlobalRequests(forwarding);
        Connection connection = Connection.start(transport, limits,
                (c, id, type, data) -> open(c, id, type, data, user, globals), globals);
        connection.onEnd(() -> {
            forwarding.close();
            onEnd.run();
        });
        try {
            forwarding.attach(connection);
            if (!aliveInterval.isZero()) {
                connection.keepalive(aliveInterval, aliveCountMax);
            }
            if (!unusedTimeout.isZero()) {
                connection.closeWhenUnused(unusedTimeout);
            }
            announceHostKeys(connection);
        } catch (SshException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return connection;
    }

    /**
     * OpenSSH's {@code hostkeys-00@openssh.com}: tells the client every host key this server has, so
     * it can learn the others (to prepare for a key rotation) once it trusts one.
     */
    private void announceHostKeys(Connection connection) throws SshException {
        WireWriter keys = new WireWriter(1024);
        for (SshKeyPair k : hostKeys) {
            keys.writeString(k.publicKey().blob());
        }
        connection.globalRequestNoReply(HostKeys.REQUEST, keys.toByteArray());
    }

    private Channel open(Connection c, int id, String type, WireReader data, AuthenticatedUser user,
            ServerGlobalRequests globals) throws SshException {
        if (type.equals("session")) {
            if (!globals.sessionsAllowed()) {
                throw new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                        "no more sessions: the client sent " + ServerGlobalRequests.NO_MORE_SESSIONS);
            }
            return new ServerSession(c, id, type, user, handlers);
        }
        Channel forwarded = globals.forwarding().open(c, id, type, data);
        if (forwarded != null) {
            return forwarded;
        }
        throw new SshChannelOpenException(ChannelOpenFailure.UNKNOWN_CHANNEL_TYPE, "unknown channel type " + type);
    }
}
