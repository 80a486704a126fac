package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * The client's side of one auth method. The auth layer writes the common head of
 * SSH_MSG_USERAUTH_REQUEST (user, service, method name) and asks the method for the rest.
 */
public interface ClientAuthMethod {
    /**
     * Appends this method's fields to the next request; {@code false} when it has no (more)
     * credentials to try, and nothing was written.
     */
    boolean writeRequest(WireWriter request) throws SshException;

    /**
     * Handles a method-specific message (60-79), positioned after its number. Returns whether it
     * wrote a message to send into {@code reply} (a complete message, number first).
     */
    boolean onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException;
}
