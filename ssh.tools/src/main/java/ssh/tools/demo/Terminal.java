package ssh.tools.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Line input and text output for a BBS session. With a pseudo-terminal the client sends raw
 * keystrokes, so input is echoed, backspace edits, and CR ends a line; without one (a script
 * piping commands) lines arrive whole and nothing is echoed.
 */
final class Terminal {
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final OutputStream out;
    private final boolean interactive;

    Terminal(InputStream in, OutputStream out, boolean interactive) {
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    void print(String text) throws IOException {
        String t = interactive ? text.replace("\n", "\r\n") : text;
        out.write(t.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line without its end, or null at end of input (or Ctrl-D on an empty line). */
    String readLine(String prompt) throws IOException {
        print(prompt);
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0 || (interactive && c == 4 && line.isEmpty())) {
                return line.isEmpty() ? null : line.toString();
            }
            if (c == '\n' || c == '\r') {
                if (interactive) {
                    print("\n");
                }
                if (c == '\r' && !interactive) {
                    continue;
                }
                return line.toString();
            }
            if (interactive && (c == 127 || c == 8)) {
                if (!line.isEmpty()) {
                    line.setLength(line.length() - 1);
                    print("\b \b");
                }
                continue;
            }
            if (c >= 32 && line.length() < MAX_LINE) {
                line.append((char) c);
                if (interactive) {
                    out.write(c);
                    out.flush();
                }
            }
        }
    }
}
