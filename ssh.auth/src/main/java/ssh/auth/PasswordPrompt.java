package ssh.auth;

import java.io.IOException;

/** Supplies the password for {@code password} authentication, as a terminal prompt would. */
@FunctionalInterface
public interface PasswordPrompt {
    /**
     * The password of {@code user} for {@code host}, or {@code null} to stop trying passwords.
     * {@code attempt} counts from 1; the caller wipes the returned array.
     */
    char[] password(String user, String host, int attempt) throws IOException;

    /** A prompt that answers {@code password} once and then gives up. */
    static PasswordPrompt of(char[] password) {
        char[] copy = password.clone();
        return (user, host, attempt) -> attempt == 1 ? copy.clone() : null;
    }
}
