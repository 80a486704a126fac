package ssh.tools.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.KeyboardInteractiveAuthenticator;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.PassphraseSource;
import ssh.auth.keys.PrivateKeyFiles;
import ssh.auth.keys.SshKeyGenerator;
import ssh.auth.AuthenticatedUser;
import ssh.connection.ChannelLimits;
import ssh.connection.ForwardingPolicy;
import ssh.connection.ProcessHandler;
import ssh.connection.SshServer;
import ssh.tools.demo.DemoServer;

/**
 * {@code secshd}, the command-line server: {@code secshd [-dDe] [-p port] [-h host_key_file]...
 * [-f config] [-o option=value]... [--demo]}, and {@code secshd -A password_file user} to add a
 * user to a password file. Commands run through {@code sh -c} as the server's own user. Without a
 * host key it creates an Ed25519 key in its state directory and prints the fingerprint.
 */
public final class Secshd {
    private Secshd() {
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = run(args);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("secshd: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--demo")) {
            return demo(args);
        }
        SshConfig options = new SshConfig();
        String configFile = null;
        String addUserFile = null;
        try {
            Getopt g = new Getopt(args, "dDeqp:h:f:o:A:");
            for (Getopt.Option o; (o = g.next()) != null; ) {
                switch (o.letter()) {
                    case 'd' -> options.put("LogLevel", "DEBUG1");
                    case 'q' -> options.put("LogLevel", "QUIET");
                    case 'D', 'e' -> { }
                    case 'p' -> options.put("Port", o.argument());
                    case 'h' -> options.put("HostKey", o.argument());
                    case 'f' -> configFile = o.argument();
                    case 'o' -> options.add(o.argument());
                    case 'A' -> addUserFile = o.argument();
                    default -> throw new Getopt.UsageException("unknown option -- " + o.letter());
                }
            }
            if (addUserFile != null) {
                return addUser(Path.of(addUserFile), g.operands());
            }
            if (configFile != null) {
                options.read(Path.of(configFile), null);
            }
        } catch (Getopt.UsageException e) {
            System.err.println("secshd: " + e.getMessage());
            System.err.println("usage: secshd [-dDeq] [-f config_file] [-h host_key_file] [-o option] [-p port] [--demo]\n"
                    + "       secshd -A password_file user");
            return 1;
        }
        System.setProperty(CliLoggerFinder.LEVEL_PROPERTY, options.get("LogLevel", "INFO").toUpperCase(java.util.Locale.ROOT));
        CryptoProvider crypto = AlgorithmRegistry.installed().providerChain(options.get("CryptoProvider"));
        SshServer.Builder b = SshServer.builder()
                .port(Integer.parseInt(options.get("Port", "22")))
                .address(InetAddress.getByName(options.get("ListenAddress", "127.0.0.1")))
                .auth(auth(options, crypto))
                .limits(new ChannelLimits(ChannelLimits.DEFAULT.windowSize(), ChannelLimits.DEFAULT.maxPacket(),
                        Integer.parseInt(options.get("MaxSessions", "10"))))
                .transport(t -> t.kexAlgorithms(options.get("KexAlgorithms")).ciphers(options.get("Ciphers"))
                        .macs(options.get("MACs")).hostKeyAlgorithms(options.get("HostKeyAlgorithms"))
                        .providerChain(options.get("CryptoProvider")));
        b.maxStartups(Integer.parseInt(options.get("MaxStartups", "100").split(":")[0]));
        long alive = options.seconds("ClientAliveInterval", 0);
        if (alive > 0) {
            b.clientAlive(Duration.ofSeconds(alive), Integer.parseInt(options.get("ClientAliveCountMax", "3")));
        }
        b.forwarding(forwardingPolicy(options));
        for (SshKeyPair key : hostKeys(options, crypto)) {
            b.hostKey(key);
        }
        for (String sub : options.all("Subsystem")) {
            String[] parts = sub.strip().split("\\s+", 2);
            if (parts.length == 2) {
                String command = parts[1];
                b.subsystem(parts[0], session -> new ProcessHandler().run(new CommandOverride(session, command)));
            }
        }
        try (SshServer server = b.start()) {
            System.err.println("Server listening on " + options.get("ListenAddress", "127.0.0.1") + " port "
                    + server.port() + ".");
            server.awaitClose();
        }
        return 0;
    }

    private static ServerAuthConfig auth(SshConfig options, CryptoProvider crypto) throws IOException {
        ServerAuthConfig.Builder a = ServerAuthConfig.builder()
                .maxAuthTries(Integer.parseInt(options.get("MaxAuthTries", "6")))
                .loginGraceTime(Duration.ofSeconds(Math.max(1, options.seconds("LoginGraceTime", 120))))
                .authenticationMethods(options.get("AuthenticationMethods"))
                .publicKeyAlgorithms(options.get("PubkeyAcceptedAlgorithms"));
        String pattern = options.get("AuthorizedKeysFile", ".ssh/authorized_keys").split("\\s+")[0];
        a.publicKey(PublicKeyAuthenticator.authorizedKeys(user -> authorizedKeys(pattern, user)));
        String passwordFile = options.get("PasswordFile");
        if (passwordFile != null) {
            PasswordAuthenticator passwords = PasswordFile.load(Path.of(passwordFile), crypto);
            if (options.yes("PasswordAuthentication", true)) {
                a.password(passwords);
            }
            if (options.yes("KbdInteractiveAuthentication", true)) {
                a.keyboardInteractive(KeyboardInteractiveAuthenticator.password(passwords));
            }
        }
        return a.build();
    }

    /** {@code AllowTcpForwarding} (yes, all, no, local, remote) and {@code GatewayPorts} (no, yes, clientspecified). */
    static ForwardingPolicy forwardingPolicy(SshConfig options) {
        String allow = options.get("AllowTcpForwarding", "yes").toLowerCase(java.util.Locale.ROOT);
        String gateway = options.get("GatewayPorts", "no").toLowerCase(java.util.Locale.ROOT);
        boolean local = allow.equals("yes") || allow.equals("all") || allow.equals("local");
        boolean remote = allow.equals("yes") || allow.equals("all") || allow.equals("remote");
        ForwardingPolicy.GatewayPorts where = switch (gateway) {
            case "yes" -> ForwardingPolicy.GatewayPorts.YES;
            case "clientspecified" -> ForwardingPolicy.GatewayPorts.CLIENT_SPECIFIED;
            default -> ForwardingPolicy.GatewayPorts.NO;
        };
        return new ForwardingPolicy() {
            @Override
            public boolean allowDirectTcpip(AuthenticatedUser user, String host, int port) {
                return local;
            }

            @Override
            public boolean allowTcpipForward(AuthenticatedUser user, String address, int port) {
                return remote && ForwardingPolicy.DEFAULT.allowTcpipForward(user, address, port);
            }

            @Override
            public GatewayPorts gatewayPorts() {
                return where;
            }
        };
    }

    /** {@code AuthorizedKeysFile} with {@code %u} (user) and {@code %h} (home); relative paths are under home. */
    static Path authorizedKeys(String pattern, String user) {
        if (!user.matches("[A-Za-z0-9._-]+")) {
            return null;
        }
        String home = System.getProperty("user.name").equals(user) ? System.getProperty("user.home")
                : "/home/" + user;
        String p = pattern.replace("%%", "\0").replace("%u", user).replace("%h", home).replace("\0", "%");
        return p.startsWith("/") ? Path.of(p) : Path.of(home, p);
    }

    private static List<SshKeyPair> hostKeys(SshConfig options, CryptoProvider crypto) throws IOException {
        List<SshKeyPair> keys = new ArrayList<>();
        for (String file : options.all("HostKey")) {
            keys.add(PrivateKeyFiles.read(Path.of(file), PassphraseSource.none()).keyPair());
        }
        if (keys.isEmpty()) {
            String state = System.getenv().getOrDefault("XDG_STATE_HOME",
                    Path.of(System.getProperty("user.home"), ".local", "state").toString());
            Path file = Path.of(state, "secsh", "ssh_host_ed25519_key");
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                SshKeyGenerator.save(file, SshKeyGenerator.generate("ssh-ed25519", crypto), "secshd host key", null,
                        crypto);
                System.err.println("Created host key " + file);
            }
            SshKeyPair key = PrivateKeyFiles.read(file, PassphraseSource.none()).keyPair();
            System.err.println("Host key: " + key.publicKey().type() + " " + Fingerprints.sha256(key.publicKey(), crypto));
            keys.add(key);
        }
        return keys;
    }

    private static int addUser(Path file, List<String> operands) throws IOException {
        if (operands.size() != 1) {
            System.err.println("usage: secshd -A password_file user");
            return 1;
        }
        Prompts prompts = new Prompts(false, System.getenv());
        char[] first = prompts.ask("New password for " + operands.get(0) + ": ", false);
        char[] again = prompts.ask("Retype new password: ", false);
        if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
            System.err.println("Passwords do not match.");
            return 1;
        }
        PasswordFile.set(file, operands.get(0), first, AlgorithmRegistry.installed().providerChain(null));
        System.err.println("Password set for " + operands.get(0) + " in " + file);
        return 0;
    }

    private static int demo(String[] args) throws IOException, SshException, InterruptedException {
        int port = args.length > 2 && args[1].equals("-p") ? Integer.parseInt(args[2]) : DemoServer.PORT;
        SshKeyPair key = DemoServer.newHostKey();
        try (SshServer server = DemoServer.start(port, key)) {
            System.err.println("secsh demo BBS on 127.0.0.1 port " + server.port() + ": log in as robey, password foo");
            System.err.println("Host key: " + Fingerprints.sha256(key.publicKey(), AlgorithmRegistry.installed().providerChain(null)));
            System.err.println("Try: bin/secsh -p " + server.port() + " -o StrictHostKeyChecking=no robey@localhost");
            server.awaitClose();
        }
        return 0;
    }
}
