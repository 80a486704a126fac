package ssh.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a session's command as a process of the server's own user: {@code sh -c command} for
 * exec (and subsystems configured as commands), {@code sh -l} for a shell, with the accepted
 * environment. The process's stdout and stderr go to the client as data and extended data, the
 * client's data to its stdin; a client signal or a vanished channel ends it. No real terminal is
 * allocated: a pty request is recorded (and {@code TERM} set) but the process sees pipes.
 */
public final class ProcessHandler implements SessionHandler {
    private final String shell;

    /** Runs commands with {@code /bin/sh}. */
    public ProcessHandler() {
        this("/bin/sh");
    }

    /** Runs commands with {@code shell} ({@code shell -c command}, {@code shell -l}). */
    public ProcessHandler(String shell) {
        this.shell = shell;
    }

    @Override
    public int run(SessionContext session) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(shell));
        if (session.command() == null) {
            command.add("-l");
        } else {
            command.addAll(List.of("-c", session.command()));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(session.environment());
        session.pty().ifPresent(p -> pb.environment().put("TERM", p.term()));
        pb.environment().put("SSH_CLIENT", session.clientAddress());
        Process process = pb.start();
        String[] delivered = new String[1];
        session.onSignal(signal -> {
            // Java can send only SIGTERM (destroy) and SIGKILL (destroyForcibly).
            delivered[0] = signal.equals("KILL") ? "KILL" : "TERM";
            if (signal.equals("KILL")) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        });
        Thread out = pump(process.getInputStream(), session.stdout(), false);
        Thread err = pump(process.getErrorStream(), session.stderr(), false);
        pump(session.stdin(), process.getOutputStream(), true);
        int status = process.waitFor();
        out.join();
        err.join();
        // A process we killed exits as 128 + the signal's number (SIGTERM 15, SIGKILL 9).
        String killed = delivered[0];
        if (killed != null && status == 128 + (killed.equals("KILL") ? 9 : 15)) {
            session.exitSignal(killed);
        }
        return status;
    }

    /** Copies {@code in} to {@code out} on a virtual thread, closing {@code out} at the end if asked. */
    private static Thread pump(InputStream in, OutputStream out, boolean closeAtEnd) {
        return Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[32 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side went away: nothing more to copy
            } finally {
                if (closeAtEnd) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        });
    }
}
