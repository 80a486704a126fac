package ssh.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ssh.api.HostKeyVerifier;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.spi.CryptoProvider;
import ssh.auth.ClientAuthConfig;
import ssh.auth.KeyboardInteractivePrompt;
import ssh.auth.agent.AgentClient;
import ssh.auth.keys.KeyFormatException;
import ssh.auth.keys.PrivateKeyFiles;
import ssh.auth.knownhosts.KnownHostsVerifier;
import ssh.connection.SshClient;
import ssh.transport.TransportConfig;

/** Turns OpenSSH client options into secsh's configuration objects. */
final class ClientSetup {
    private static final System.Logger LOG = System.getLogger(ClientSetup.class.getName());
    private static final List<String> DEFAULT_IDENTITIES = List.of("id_rsa", "id_ecdsa", "id_ed25519", "id_dsa");

    private final SshConfig options;
    private final Prompts prompts;
    private final Map<String, String> env;
    private final Path home;

    ClientSetup(SshConfig options, Prompts prompts, Map<String, String> env) {
        this.options = options;
        this.prompts = prompts;
        this.env = env;
        this.home = Path.of(System.getProperty("user.home"));
    }

    TransportConfig.Builder transport(TransportConfig.Builder b) {
        b.registry(AlgorithmRegistry.installed()).kexAlgorithms(options.get("KexAlgorithms"))
                .ciphers(options.get("Ciphers"))
                .macs(options.get("MACs"))
                .hostKeyAlgorithms(options.get("HostKeyAlgorithms"))
                .providerChain(options.get("CryptoProvider"));
        if (options.yes("Compression", false)) {
            b.compression("zlib@openssh.com,zlib,none");
        }
        String rekey = options.get("RekeyLimit");
        if (rekey != null) {
            String[] parts = rekey.strip().split("\\s+");
            long bytes = parts[0].equalsIgnoreCase("default") ? 0 : Units.bytes(parts[0]);
            long seconds = parts.length > 1 && !parts[1].equalsIgnoreCase("none") ? Units.seconds(parts[1]) : 0;
            b.rekeyLimit(bytes, Duration.ofSeconds(seconds));
        }
        return b;
    }

    HostKeyVerifier hostKeyVerifier() throws SshException {
        String strict = options.get("StrictHostKeyChecking", "ask");
        Path file = Path.of(expand(options.get("UserKnownHostsFile", "~/.ssh/known_hosts").split("\\s+")[0]));
        CryptoProvider crypto = AlgorithmRegistry.installed().providerChain(options.get("CryptoProvider"));
        boolean hash = options.yes("HashKnownHosts", false);
        if (strict.equalsIgnoreCase("ask")) {
            return new AskingVerifier(file, crypto, prompts, hash);
        }
        return KnownHostsVerifier.of(file, KnownHostsVerifier.Policy.fromConfig(strict), crypto, hash);
    }

    SshClient.Builder client(String host, int port) throws SshException {
        SshClient.Builder b = SshClient.builder(host, port).hostKeyVerifier(hostKeyVerifier()).transport(this::transport)
                .connectTimeout(Duration.ofSeconds(options.seconds("ConnectTimeout", 30)));
        long alive = options.seconds("ServerAliveInterval", 0);
        if (alive > 0) {
            b.serverAlive(Duration.ofSeconds(alive), Integer.parseInt(options.get("ServerAliveCountMax", "3")));
        }
        return b;
    }

    ClientAuthConfig auth(String user, String host) throws IOException {
        List<String> methods = new ArrayList<>(List.of(options.get("PreferredAuthentications",
                "publickey,keyboard-interactive,password").split(",")));
        if (!options.yes("PasswordAuthentication", true)) {
            methods.remove("password");
        }
        if (!options.yes("KbdInteractiveAuthentication", true)) {
            methods.remove("keyboard-interactive");
        }
        if (!options.yes("PubkeyAuthentication", true)) {
            methods.remove("publickey");
        }
        ClientAuthConfig.Builder b = ClientAuthConfig.builder(user).methods(String.join(",", methods))
                .publicKeyAlgorithms(options.get("PubkeyAcceptedAlgorithms", options.get("PubkeyAcceptedKeyTypes")))
                .banner(text -> {
                    if (!System.getProperty(CliLoggerFinder.LEVEL_PROPERTY, "").equals("QUIET")) {
                        System.err.print(text);
                    }
                });
        boolean identitiesOnly = options.yes("IdentitiesOnly", false);
        String sock = env.get("SSH_AUTH_SOCK");
        if (!identitiesOnly && sock != null && !sock.isEmpty()) {
            try {
                b.agent(AgentClient.connect(Path.of(sock)));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "ssh-agent at {0} not usable: {1}", sock, e.getMessage());
            }
        }
        List<String> files = options.all("IdentityFile");
        boolean explicit = !files.isEmpty();
        if (!explicit) {
            files = DEFAULT_IDENTITIES.stream().map(n -> "~/.ssh/" + n).toList();
        }
        for (String f : files) {
            Path file = Path.of(expand(f));
            if (!Files.exists(file)) {
                if (explicit) {
                    System.err.println("Warning: Identity file " + f + " not accessible: No such file or directory.");
                }
                continue;
            }
            try {
                b.key(PrivateKeyFiles.read(file, name -> prompts.ask("Enter passphrase for key '" + f + "': ", false))
                        .keyPair());
                LOG.log(System.Logger.Level.DEBUG, "identity file {0} loaded", f);
            } catch (KeyFormatException e) {
                System.err.println("Load key \"" + f + "\": " + e.getMessage());
            }
        }
        int tries = Integer.parseInt(options.get("NumberOfPasswordPrompts", "3"));
        b.password((u, h, attempt) -> attempt > tries ? null : prompts.ask(u + "@" + h + "'s password: ", false));
        b.keyboardInteractive((name, instruction, questions) -> {
            if (!name.isEmpty() || !instruction.isEmpty()) {
                System.err.println((name + "\n" + instruction).strip());
            }
            List<String> answers = new ArrayList<>();
            for (KeyboardInteractivePrompt.Prompt q : questions) {
                char[] a = prompts.ask(q.text(), q.echo());
                if (a == null) {
                    return null;
                }
                answers.add(new String(a));
                java.util.Arrays.fill(a, '\0');
            }
            return answers;
        });
        return b.build();
    }

    /** {@code ~} at the start of a path is the home directory, as in OpenSSH's configuration. */
    String expand(String path) {
        return path.startsWith("~/") ? home.resolve(path.substring(2)).toString() : path;
    }
}
