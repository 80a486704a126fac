package ssh.transport;

/** secsh's version, as it appears in the identification string. */
final class Version {
    private Version() {
    }

    static final String VERSION = "0.1";
}
