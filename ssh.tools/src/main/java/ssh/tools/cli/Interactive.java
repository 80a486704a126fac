package ssh.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import ssh.api.SshException;
import ssh.connection.Session;
import ssh.connection.SshClient;

/**
 * An interactive session on the local terminal: the terminal goes into raw mode (through JLine,
 * restored on every way out), the remote side gets a pseudo-terminal of the same type and size
 * and hears about size changes, and OpenSSH's escapes work after a newline: {@code ~.} disconnects,
 * {@code ~~} sends one {@code ~}, {@code ~?} lists them.
 */
final class Interactive {
    private Interactive() {
    }

    static int run(SshClient client, String command, String host) throws SshException {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).jni(false).build();
        } catch (IOException e) {
            throw new SshException("cannot open the terminal: " + e.getMessage(), e);
        }
        Attributes saved = terminal.enterRawMode();
        // Like cfmakeraw (what ssh does): no output processing either, the remote pty does it.
        Attributes raw = terminal.getAttributes();
        raw.setOutputFlag(Attributes.OutputFlag.OPOST, false);
        terminal.setAttributes(raw);
        try {
            Session s = client.openSession();
            String term = System.getenv().getOrDefault("TERM", "xterm");
            s.requestPty(term, terminal.getSize().getColumns(), terminal.getSize().getRows(), new byte[] {0});
            if (command.isEmpty()) {
                s.shell();
            } else {
                s.exec(command);
            }
            terminal.handle(Terminal.Signal.WINCH, signal -> {
                try {
                    s.windowChange(terminal.getSize().getColumns(), terminal.getSize().getRows());
                } catch (SshException ignored) {
                    // the session is ending
                }
            });
            OutputStream screen = terminal.output();
            Thread keys = Thread.ofVirtual().start(() -> typeInto(terminal.input(), s, screen, client, host));
            Thread err = Thread.ofVirtual().start(() -> Secsh.copy(s.getErrorStream(), screen));
            Secsh.copy(s.getInputStream(), screen);
            err.join(1000);
            keys.interrupt();
            Session.ExitStatus exit = s.waitFor(Duration.ofSeconds(5));
            return exit.status() != null ? exit.status() : Secsh.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Secsh.FAILURE;
        } finally {
            terminal.setAttributes(saved);
            try {
                terminal.close();
            } catch (IOException ignored) {
                // restoring was what mattered
            }
        }
    }

    /** Keystrokes to the session, watching for escapes at the start of a line. */
    private static void typeInto(InputStream keys, Session s, OutputStream screen, SshClient client, String host) {
        boolean lineStart = true;
        boolean tilde = false;
        try (OutputStream remote = s.getOutputStream()) {
            int c;
            while ((c = keys.read()) >= 0) {
                if (tilde) {
                    tilde = false;
                    if (c == '.') {
                        screen.write(("Connection to " + host + " closed.\r\n").getBytes(StandardCharsets.UTF_8));
                        screen.flush();
                        client.close();
                        return;
                    }
                    if (c == '?') {
                        screen.write("Supported escape sequences:\r\n ~.   - terminate connection\r\n ~~   - send the escape character\r\n ~?   - this message\r\n"
                                .getBytes(StandardCharsets.UTF_8));
                        screen.flush();
                        continue;
                    }
                    if (c != '~') {
                        remote.write('~');
                    }
                } else if (lineStart && c == '~') {
                    tilde = true;
                    continue;
                }
                remote.write(c);
                lineStart = c == '\r' || c == '\n';
            }
        } catch (IOException ignored) {
            // the session ended
        }
    }
}
