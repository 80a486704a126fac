package ssh.auth;

import java.io.IOException;
import java.util.Map;

/**
 * Checks passwords for the server's {@code password} method (and, through
 * {@link KeyboardInteractiveAuthenticator#password}, for {@code keyboard-interactive}). It is asked
 * for every user name the client sends, known or not, and should take the same time for both.
 */
public interface PasswordAuthenticator {
    /** What a password check found. */
    enum Result {
        /** The password is right. */
        ACCEPT,
        /** The password is wrong, or the user is unknown: the client learns no more than that. */
        REJECT,
        /** The password is right but has expired: the client must choose a new one. */
        CHANGE_REQUIRED
    }

    /** Checks {@code password} (wiped by the caller afterwards) for {@code user} connecting from {@code clientAddress}. */
    Result authenticate(String user, char[] password, String clientAddress) throws IOException;

    /** Changes the password after {@link Result#CHANGE_REQUIRED}; false refuses the new one. */
    default boolean changePassword(String user, char[] oldPassword, char[] newPassword) throws IOException {
        return false;
    }

    /** The prompt sent with a password-change request. */
    default String changePrompt() {
        return "Your password has expired; choose a new one.";
    }

    /**
     * An authenticator over a fixed table of user names and passwords (a demo, a test). Every
     * check, for a known user or not, compares the candidate against a stored value in time that
     * depends only on the candidate's length.
     */
    static PasswordAuthenticator of(Map<String, String> passwords) {
        return new PasswordTable(passwords);
    }
}
