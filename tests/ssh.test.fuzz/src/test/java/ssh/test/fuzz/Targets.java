package ssh.test.fuzz;

import ssh.api.SshException;

/** What every fuzz target enforces: bad input may end only in the library's own exception. */
public final class Targets {
    private Targets() {
    }

    /** A parse step; SshException (and its subclasses) is the one allowed way to refuse input. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    public static void expectOnlySshExceptions(Parse parse) {
        try {
            parse.run();
        } catch (SshException expected) {
            // the parser's own, clear refusal
        } catch (Exception e) {
            throw new AssertionError("parser threw " + e, e);
        }
    }
}
