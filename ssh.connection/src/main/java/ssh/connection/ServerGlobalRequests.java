package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import ssh.api.SshException;
import ssh.api.wire.WireReader;

/**
 * The server's answers to a client's global requests: {@code tcpip-forward} and
 * {@code cancel-tcpip-forward} go to the connection's {@link ServerForwarding};
 * {@code no-more-sessions@openssh.com} succeeds and makes every later {@code session} open fail
 * (sshd disconnects instead; refusing the open is enough to defeat a session smuggled in later);
 * {@code keepalive@openssh.com} and anything unknown fail, as with sshd: a keepalive only wants
 * an answer, any answer.
 */
final class ServerGlobalRequests implements Connection.GlobalRequestHandler {
    static final String NO_MORE_SESSIONS = "no-more-sessions@openssh.com";
    static final String KEEPALIVE = "keepalive@openssh.com";
    private static final Logger LOG = System.getLogger(ServerGlobalRequests.class.getName());

    private final ServerForwarding forwarding;
    private volatile boolean noMoreSessions;

    ServerGlobalRequests(ServerForwarding forwarding) {
        this.forwarding = forwarding;
    }

    @Override
    public byte[] handle(String name, WireReader data) throws SshException {
        switch (name) {
            case ForwardMessages.TCPIP_FORWARD -> {
                return forwarding.listen(data);
            }
            case ForwardMessages.CANCEL_TCPIP_FORWARD -> {
                return forwarding.cancel(data);
            }
            case NO_MORE_SESSIONS -> {
                noMoreSessions = true;
                return new byte[0];
            }
            case KEEPALIVE -> {
                return null;
            }
            default -> {
                LOG.log(Level.DEBUG, "refused global request {0}", name);
                return null;
            }
        }
    }

    /** False once the client sent {@code no-more-sessions@openssh.com}. */
    boolean sessionsAllowed() {
        return !noMoreSessions;
    }

    ServerForwarding forwarding() {
        return forwarding;
    }
}
