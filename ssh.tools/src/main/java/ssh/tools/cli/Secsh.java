package ssh.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ssh.api.SshAuthenticationException;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.wire.DisconnectReason;
import ssh.connection.Session;
import ssh.connection.SshClient;

/**
 * {@code secsh}, the command-line client, with OpenSSH's flags for what it supports:
 * {@code secsh [-46CNTtvq] [-p port] [-l user] [-i identity_file] [-o option] [-F config]
 * [-L spec] [-R spec] [-D [addr:]port] [-W host:port] [user@]host [command...]}, and
 * {@code secsh -Q kex|cipher|mac|key|key-sig|compression|auth|provider}. The exit status is the
 * remote command's, or 255 when connecting or authenticating failed.
 */
public final class Secsh {
    static final int FAILURE = 255;
    private static final String OPTIONS = "46CNTtvqp:l:i:o:F:L:R:D:W:J:Q:";

    private final Map<String, String> env;

    private Secsh(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv());
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args, Map<String, String> env) {
        try {
            return new Secsh(env).go(args);
        } catch (Getopt.UsageException | IllegalArgumentException e) {
            System.err.println("secsh: " + e.getMessage());
            System.err.println("usage: secsh [-46CNTtvq] [-p port] [-l user] [-i identity_file] [-o option] [-F configfile]\n"
                    + "             [-L spec] [-R spec] [-D [bind_address:]port] [-W host:port]\n"
                    + "             destination [command [argument ...]]\n"
                    + "       secsh -Q query_option");
            return FAILURE;
        }
    }

    private int go(String[] args) throws Getopt.UsageException {
        SshConfig options = new SshConfig();
        Getopt g = new Getopt(args, OPTIONS);
        int verbose = 0;
        boolean quiet = false;
        Boolean tty = null;
        boolean noCommand = false;
        String configFile = null;
        for (Getopt.Option o; (o = g.next()) != null; ) {
            switch (o.letter()) {
                case 'v' -> verbose++;
                case 'q' -> quiet = true;
                case 't' -> tty = true;
                case 'T' -> tty = false;
                case 'N' -> noCommand = true;
                case 'C' -> options.put("Compression", "yes");
                case '4', '6' -> { }
                case 'p' -> options.put("Port", o.argument());
                case 'l' -> options.put("User", o.argument());
                case 'i' -> options.put("IdentityFile", o.argument());
                case 'o' -> options.add(o.argument());
                case 'F' -> configFile = o.argument();
                case 'L' -> options.put("LocalForward", o.argument());
                case 'R' -> options.put("RemoteForward", o.argument());
                case 'D' -> options.put("DynamicForward", o.argument());
                case 'W' -> options.put("StdinForward", o.argument());
                case 'J' -> options.put("ProxyJump", o.argument());
                case 'Q' -> {
                    return Query.print(o.argument(), options.get("CryptoProvider"));
                }
                default -> throw new Getopt.UsageException("unknown option -- " + o.letter());
            }
        }
        List<String> operands = g.operands();
        if (operands.isEmpty()) {
            throw new Getopt.UsageException("no destination given");
        }
        Destination dest = Destination.parse(operands.get(0));
        readConfig(options, configFile, dest.host());
        String level = quiet ? "QUIET" : verbose == 0 ? options.get("LogLevel", "ERROR").toUpperCase(java.util.Locale.ROOT)
                : verbose == 1 ? "DEBUG1" : "DEBUG2";
        System.setProperty(CliLoggerFinder.LEVEL_PROPERTY, level);
        String user = dest.user() != null ? dest.user() : options.get("User", System.getProperty("user.name"));
        int port = dest.port() > 0 ? dest.port() : Integer.parseInt(options.get("Port", "22"));
        String command = String.join(" ", operands.subList(1, operands.size()));
        Prompts prompts = new Prompts(options.yes("BatchMode", false), env);
        ClientSetup setup = new ClientSetup(options, prompts, env);
        SshClient client;
        SshClient jump = null;
        try {
            String via = options.get("ProxyJump", "none");
            if (via.equals("none")) {
                client = setup.client(dest.host(), port).connect(setup.auth(user, dest.host()));
            } else {
                // ProxyJump: log in to the jump host, then reach the destination through a direct-tcpip channel.
                Destination j = Destination.parse(via.contains("://") ? via : "ssh://" + via);
                jump = setup.client(j.host(), j.port() > 0 ? j.port() : 22)
                        .connect(setup.auth(j.user() != null ? j.user() : user, j.host()));
                client = setup.client(dest.host(), port).connectVia(jump.openDirectTcpip(dest.host(), port),
                        setup.auth(user, dest.host()));
            }
        } catch (SshHostKeyException e) {
            closeQuietly(jump);
            System.err.println(e.getMessage().contains("Host key verification failed.") ? e.getMessage()
                    : e.getMessage() + "\nHost key verification failed.");
            return FAILURE;
        } catch (SshAuthenticationException e) {
            closeQuietly(jump);
            System.err.println(user + "@" + dest.host() + ": " + e.getMessage());
            return FAILURE;
        } catch (SshException e) {
            closeQuietly(jump);
            System.err.println(e.reasonCode() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE
                    ? "Host key verification failed." : e.getMessage());
            return FAILURE;
        } catch (IOException e) {
            closeQuietly(jump);
            System.err.println("secsh: " + e.getMessage());
            return FAILURE;
        }
        try (client) {
            if (options.get("StdinForward") != null) {
                return Forwards.stdio(client, options.get("StdinForward"));
            }
            Forwards.start(client, options);
            if (noCommand) {
                client.connection().awaitEnd(Duration.ofDays(36500));
                return 0;
            }
            boolean wantTty = tty != null ? tty : command.isEmpty() && System.console() != null;
            return wantTty ? Interactive.run(client, command, dest.host()) : plain(client, command);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return FAILURE;
        } finally {
            closeQuietly(jump);
        }
    }

    private static void closeQuietly(SshClient c) {
        if (c != null) {
            c.close();
        }
    }

    private void readConfig(SshConfig options, String configFile, String host) throws Getopt.UsageException {
        Path file = configFile != null ? Path.of(configFile)
                : Path.of(System.getProperty("user.home"), ".ssh", "config");
        if (configFile != null && configFile.equals("none")) {
            return;
        }
        try {
            if (Files.isReadable(file)) {
                options.read(file, host);
            } else if (configFile != null) {
                throw new Getopt.UsageException("Can't open user config file " + configFile);
            }
        } catch (IOException e) {
            throw new Getopt.UsageException("Can't open user config file " + file + ": " + e.getMessage());
        }
    }

    /** A command (or shell) without a terminal: stdin, stdout and stderr are passed through. */
    private static int plain(SshClient client, String command) throws SshException {
        Session s = client.openSession();
        if (command.isEmpty()) {
            s.shell();
        } else {
            s.exec(command);
        }
        Thread in = Stdin.copyTo(s.getOutputStream());
        Thread err = Thread.ofVirtual().start(() -> copy(s.getErrorStream(), System.err));
        copy(s.getInputStream(), System.out);
        try {
            err.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        in.interrupt();
        Session.ExitStatus exit = s.waitFor(Duration.ofDays(36500));
        return exit.status() != null ? exit.status() : FAILURE;
    }

    /** Copies until end of stream, flushing each chunk; a failure on either side just ends it. */
    static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[32 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the channel ended
        }
    }
}
