package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** The server's side of one auth method. */
public interface ServerAuthMethod {
    /** What a request or message led to. */
    enum Step {
        /** The credential is good. */
        SUCCESS,
        /** The credential is refused; the layer answers USERAUTH_FAILURE. */
        FAILURE,
        /** The method wrote a method-specific message into the reply and waits for the next. */
        REPLIED
    }

    /** Handles a USERAUTH_REQUEST for this method, positioned after the method name. */
    Step onRequest(String user, WireReader methodFields, WireWriter reply) throws SshException;

    /** Handles a method-specific message (60-79), positioned after its number. */
    Step onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException;
}
