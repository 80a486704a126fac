package ssh.tools.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import ssh.api.SshException;
import ssh.connection.Channel;
import ssh.connection.Forwarding;
import ssh.connection.SshClient;

/**
 * The client's forwarding options as OpenSSH spells them: {@code -L [bind:]port:host:hostport},
 * {@code -L [bind:]port:/remote/socket}, {@code -R [bind:]port:host:hostport},
 * {@code -D [bind:]port} and {@code -W host:port}; IPv6 addresses in brackets.
 */
final class Forwards {
    private Forwards() {
    }

    /** Splits on colons outside brackets, dropping the brackets. */
    static List<String> fields(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean bracket = false;
        for (char c : spec.toCharArray()) {
            if (c == '[') {
                bracket = true;
            } else if (c == ']') {
                bracket = false;
            } else if (c == ':' && !bracket) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int port(String text, String spec) throws Getopt.UsageException {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new Getopt.UsageException("Bad forwarding specification '" + spec + "'");
        }
    }

    private static InetSocketAddress listen(String bind, int port) throws IOException {
        InetAddress a = bind == null || bind.isEmpty() || bind.equals("localhost") ? InetAddress.getLoopbackAddress()
                : bind.equals("*") ? new InetSocketAddress(0).getAddress() : InetAddress.getByName(bind);
        return new InetSocketAddress(a, port);
    }

    /** Starts every -L, -R and -D; returns the handles to close at the end. */
    static List<Forwarding> start(SshClient client, SshConfig options) throws IOException, Getopt.UsageException {
        boolean exitOnFailure = options.yes("ExitOnForwardFailure", false);
        List<Forwarding> started = new ArrayList<>();
        for (String spec : options.all("LocalForward")) {
            List<String> f = fields(spec.replace(' ', ':'));
            try {
                if (f.size() == 2 && f.get(1).startsWith("/") || f.size() == 3 && f.get(2).startsWith("/")) {
                    String bind = f.size() == 3 ? f.get(0) : null;
                    started.add(client.forwardLocalToUnixSocket(listen(bind, port(f.get(f.size() - 2), spec)),
                            f.get(f.size() - 1)));
                } else if (f.size() == 3 || f.size() == 4) {
                    String bind = f.size() == 4 ? f.get(0) : null;
                    int o = f.size() - 3;
                    started.add(client.forwardLocal(listen(bind, port(f.get(o), spec)), f.get(o + 1),
                            port(f.get(o + 2), spec)));
                } else {
                    throw new Getopt.UsageException("Bad local forwarding specification '" + spec + "'");
                }
            } catch (IOException e) {
                failed(exitOnFailure, "local port forwarding failed for " + spec + ": " + e.getMessage());
            }
        }
        for (String spec : options.all("RemoteForward")) {
            List<String> f = fields(spec.replace(' ', ':'));
            if (f.size() != 3 && f.size() != 4) {
                throw new Getopt.UsageException("Bad remote forwarding specification '" + spec + "'");
            }
            int o = f.size() - 3;
            String bind = f.size() == 4 ? f.get(0) : "";
            int bindPort = port(f.get(o), spec);
            try {
                Forwarding fw = client.forwardRemote(bind, bindPort, f.get(o + 1), port(f.get(o + 2), spec));
                if (bindPort == 0) {
                    System.err.println("Allocated port " + fw.port() + " for remote forward to " + f.get(o + 1) + ":"
                            + f.get(o + 2));
                }
                started.add(fw);
            } catch (IOException e) {
                failed(exitOnFailure, "remote port forwarding failed for listen port " + bindPort);
            }
        }
        for (String spec : options.all("DynamicForward")) {
            List<String> f = fields(spec);
            try {
                started.add(client.forwardDynamic(listen(f.size() == 2 ? f.get(0) : null,
                        port(f.get(f.size() - 1), spec))));
            } catch (IOException e) {
                failed(exitOnFailure, "dynamic port forwarding failed for " + spec + ": " + e.getMessage());
            }
        }
        return started;
    }

    private static void failed(boolean exitOnFailure, String message) throws IOException {
        if (exitOnFailure) {
            throw new IOException("Error: " + message);
        }
        System.err.println("Warning: " + message);
    }

    /** {@code -W host:port}: stdin and stdout joined to a direct-tcpip channel; 0 when it closes. */
    static int stdio(SshClient client, String spec) throws IOException, Getopt.UsageException {
        List<String> f = fields(spec);
        if (f.size() != 2) {
            throw new Getopt.UsageException("Bad stdio forwarding specification '" + spec + "'");
        }
        Channel channel;
        try {
            channel = client.openDirectTcpip(f.get(0), port(f.get(1), spec));
        } catch (SshException e) {
            System.err.println("stdio forwarding failed: " + e.getMessage());
            return Secsh.FAILURE;
        }
        Thread in = Stdin.copyTo(channel.getOutputStream());
        channel.getInputStream().transferTo(System.out);
        System.out.flush();
        in.interrupt();
        channel.close();
        return 0;
    }
}
