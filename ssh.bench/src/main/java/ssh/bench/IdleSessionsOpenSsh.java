package ssh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.ClientAuthConfig;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;
import ssh.connection.SshClient;

/** The OpenSSH part of {@link IdleSessions}: the RSS of the private sshd's per-connection processes. */
final class IdleSessionsOpenSsh {
    private IdleSessionsOpenSsh() {
    }

    /**
     * OpenSSH: {@code sshdConnections} idle sessions ({@code cat > /dev/null}) into the private
     * sshd; returns VmRSS and Pss per connection in KiB (sums over the per-connection sshd
     * processes) and sshd processes per connection, or null if sshd is missing or does not start.
     */
    static double[] measure(int sshdConnections) throws Exception {
        var sshdPath = OpenSshProcesses.sshd();
        if (sshdPath.isEmpty()) {
            return null;
        }
        Path dir = Files.createTempDirectory("secsh-bench-scale");
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        SshKeyPair userKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        SshKeyPair hostKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        Path hostKeyFile = dir.resolve("host_ed25519");
        SshKeyGenerator.save(hostKeyFile, hostKey, "secsh-bench-scale host", null, crypto);
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"),
                PublicKeyFile.line(userKey.publicKey(), "secsh-bench-scale") + "\n");
        List<SshClient> clients = Collections.synchronizedList(new ArrayList<>());
        try (OpenSshProcesses.Sshd sshd = OpenSshProcesses.Sshd.startOrNull(sshdPath, dir, hostKeyFile, authorizedKeys)) {
            if (sshd == null) {
                return null;
            }
            String exe = sshdPath.get().toString();
            ProcessHandle listener = ProcessHandle.current().children()
                    .filter(p -> p.info().command().map(exe::equals).orElse(false)).findFirst()
                    .orElseThrow(() -> new IOException("no sshd child process"));
            String user = System.getProperty("user.name");
            try (ExecutorService ex = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < sshdConnections; i++) {
                    ex.submit(() -> {
                        SshClient c = SshClient.builder("127.0.0.1", sshd.port).hostKeyVerifier((h, p, key) -> true)
                                .connect(ClientAuthConfig.builder(user).key(userKey).build());
                        clients.add(c);
                        c.openSession().exec("cat > /dev/null");
                        return null;
                    });
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (listener.descendants().filter(p -> !isSshd(p, exe)).count() < sshdConnections
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            List<ProcessHandle> perConnection = listener.descendants().filter(p -> isSshd(p, exe)).toList();
            long rss = 0;
            long pss = 0;
            for (ProcessHandle p : perConnection) {
                rss += IdleSessionsServer.vmRssKiB(p.pid());
                pss += IdleSessionsServer.procKiB(Path.of("/proc/" + p.pid() + "/smaps_rollup"), "Pss:");
            }
            System.err.printf(Locale.ROOT, "OpenSSH: %d clients, %d sshd processes below the listener, VmRSS sum %,d KiB, "
                    + "Pss sum %,d KiB; listener VmRSS %,d KiB%n", clients.size(), perConnection.size(), rss, pss,
                    IdleSessionsServer.vmRssKiB(listener.pid()));
            if (clients.size() != sshdConnections) {
                throw new IOException("only " + clients.size() + " of " + sshdConnections + " connections to sshd opened");
            }
            return new double[] {(double) rss / sshdConnections, (double) pss / sshdConnections,
                    (double) perConnection.size() / sshdConnections};
        } finally {
            clients.forEach(SshClient::close);
            OpenSshProcesses.deleteTree(dir);
        }
    }

    private static boolean isSshd(ProcessHandle p, String exe) {
        return p.info().command().map(exe::equals).orElse(false);
    }
}
