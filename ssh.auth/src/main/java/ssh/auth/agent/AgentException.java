package ssh.auth.agent;

import ssh.api.SshException;

/**
 * The ssh-agent refused a request (it answered {@code SSH_AGENT_FAILURE}), answered with a message
 * the request does not allow, or the connection to it failed or timed out.
 */
public final class AgentException extends SshException {
    private static final long serialVersionUID = 1L;

    /** An agent error described by {@code message}. */
    public AgentException(String message) {
        super(message);
    }

    /** An agent error described by {@code message}, caused by {@code cause}. */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
