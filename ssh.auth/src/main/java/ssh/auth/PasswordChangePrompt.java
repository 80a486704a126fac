package ssh.auth;

import java.io.IOException;

/**
 * Answers the server's request to change an expired password
 * ({@code SSH_MSG_USERAUTH_PASSWD_CHANGEREQ}, RFC 4252 section 8).
 */
@FunctionalInterface
public interface PasswordChangePrompt {
    /** The new password, given the server's prompt; {@code null} to refuse. The caller wipes it. */
    char[] newPassword(String prompt) throws IOException;
}
