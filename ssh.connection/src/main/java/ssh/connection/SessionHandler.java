package ssh.connection;

/**
 * Runs what a client asked a server session for: a command, a shell or a subsystem, written in
 * Java or started as a process ({@link ProcessHandler}). Called on its own virtual thread; the
 * session sends the returned exit status, EOF and CLOSE when it returns.
 */
@FunctionalInterface
public interface SessionHandler {
    /** Serves {@code session}; returns the exit status. An exception ends the session with status 1. */
    int run(SessionContext session) throws Exception;
}
