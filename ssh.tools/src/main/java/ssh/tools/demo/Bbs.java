package ssh.tools.demo;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import ssh.connection.SessionContext;
import ssh.connection.SessionHandler;

/**
 * The demo's bulletin board, as the original secsh demo server had one: a menu to list, read and
 * post messages. Written against the public server API only: it is a {@link SessionHandler}.
 */
final class Bbs implements SessionHandler {
    private static final String MENU = "[l]ist  [r]ead N  [p]ost  [q]uit\n";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Board board;

    Bbs(Board board) {
        this.board = board;
    }

    @Override
    public int run(SessionContext session) throws IOException {
        Terminal t = new Terminal(session.stdin(), session.stdout(), session.pty().isPresent());
        String user = session.user().user();
        t.print("Welcome to the secsh BBS, " + user + ". " + board.all().size() + " messages.\n" + MENU);
        String line;
        while ((line = t.readLine("bbs> ")) != null) {
            String[] words = line.strip().split("\\s+", 2);
            switch (words[0]) {
                case "l", "list" -> list(t);
                case "r", "read" -> read(t, words.length > 1 ? words[1] : "");
                case "p", "post" -> post(t, user);
                case "q", "quit" -> {
                    t.print("Goodbye, " + user + ".\n");
                    return 0;
                }
                case "" -> { }
                default -> t.print("unknown command \"" + words[0] + "\"\n" + MENU);
            }
        }
        return 0;
    }

    private void list(Terminal t) throws IOException {
        if (board.all().isEmpty()) {
            t.print("No messages yet: [p]ost the first.\n");
        }
        for (Board.Message m : board.all()) {
            t.print(String.format("%3d  %-40s %s%n", m.number(), m.subject(), m.author()));
        }
    }

    private void read(Terminal t, String number) throws IOException {
        try {
            Board.Message m = board.get(Integer.parseInt(number.strip())).orElse(null);
            if (m == null) {
                t.print("No message " + number + ".\n");
                return;
            }
            t.print("#" + m.number() + " " + m.subject() + "\nFrom " + m.author() + ", " + WHEN.format(m.posted())
                    + "\n\n" + m.body() + "\n");
        } catch (NumberFormatException e) {
            t.print("read which message? e.g. \"r 1\"\n");
        }
    }

    private void post(Terminal t, String user) throws IOException {
        String subject = t.readLine("Subject: ");
        if (subject == null || subject.isBlank()) {
            t.print("Nothing posted.\n");
            return;
        }
        t.print("Message; end with a line holding only \".\":\n");
        StringBuilder body = new StringBuilder();
        String line;
        while ((line = t.readLine("")) != null && !line.equals(".")) {
            body.append(line).append('\n');
        }
        Board.Message m = board.post(user, subject.strip(), body.toString().stripTrailing());
        t.print("Posted as #" + m.number() + ".\n");
    }
}
