package ssh.auth.keys;

/**
 * An encrypted private key could not be decrypted with the passphrase given (or none was given).
 * The key file itself may be intact; nothing of the key is returned.
 */
public final class WrongPassphraseException extends KeyFormatException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names the key and never the passphrase. */
    public WrongPassphraseException(String message) {
        super(message);
    }
}
