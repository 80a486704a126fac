package ssh.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.KeyFormatException;
import ssh.auth.keys.OpenSshKeyFile;
import ssh.auth.keys.PassphraseSource;
import ssh.auth.keys.PrivateKeyFiles;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;

/**
 * {@code secsh-keygen} with {@code ssh-keygen}'s flags: generate ({@code -t ed25519|ecdsa|rsa|dsa|ed448
 * [-b bits] -f file [-N passphrase] [-C comment]}), print the public key ({@code -y -f file}),
 * show the fingerprint ({@code -l -f file}) and change the passphrase ({@code -p -f file [-P old] [-N new]}).
 */
public final class SecshKeygen {
    private SecshKeygen() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String type = "ed25519";
        int bits = 0;
        String file = null;
        String newPass = null;
        String oldPass = null;
        String comment = null;
        char mode = 'g';
        try {
            Getopt g = new Getopt(args, "ylpqt:b:f:N:P:C:");
            for (Getopt.Option o; (o = g.next()) != null; ) {
                switch (o.letter()) {
                    case 'y', 'l', 'p' -> mode = o.letter();
                    case 'q' -> { }
                    case 't' -> type = o.argument();
                    case 'b' -> bits = Integer.parseInt(o.argument());
                    case 'f' -> file = o.argument();
                    case 'N' -> newPass = o.argument();
                    case 'P' -> oldPass = o.argument();
                    case 'C' -> comment = o.argument();
                    default -> throw new Getopt.UsageException("unknown option -- " + o.letter());
                }
            }
            if (file == null) {
                throw new Getopt.UsageException("-f file is required");
            }
        } catch (Getopt.UsageException | NumberFormatException e) {
            System.err.println("secsh-keygen: " + e.getMessage());
            System.err.println("usage: secsh-keygen [-t ed25519|ecdsa|rsa|dsa|ed448] [-b bits] [-N passphrase] [-C comment] -f file\n"
                    + "       secsh-keygen -y [-P passphrase] -f file\n"
                    + "       secsh-keygen -l -f file\n"
                    + "       secsh-keygen -p [-P old_passphrase] [-N new_passphrase] -f file");
            return 1;
        }
        Prompts prompts = new Prompts(false, System.getenv());
        try {
            CryptoProvider crypto = AlgorithmRegistry.installed().providerChain(null);
            Path path = Path.of(file);
            PassphraseSource ask = passphrase(oldPass, prompts, "Enter passphrase: ");
            switch (mode) {
                case 'y' -> System.out.println(PublicKeyFile.line(PrivateKeyFiles.read(path, ask).keyPair().publicKey(),
                        ""));
                case 'l' -> {
                    PublicKeyFile pub = publicKey(path, ask);
                    SshPublicKey key = pub.key();
                    System.out.println(bitsOf(key) + " " + Fingerprints.sha256(key, crypto) + " "
                            + (pub.comment().isEmpty() ? "no comment" : pub.comment()) + " (" + label(key.type()) + ")");
                }
                case 'p' -> {
                    OpenSshKeyFile.KeyFile k = PrivateKeyFiles.read(path, ask);
                    char[] fresh = newPass != null ? newPass.toCharArray()
                            : prompts.ask("Enter new passphrase (empty for no passphrase): ", false);
                    Files.writeString(path, OpenSshKeyFile.write(k.keyPair(), k.comment(), fresh, crypto));
                    System.out.println("Your identification has been saved with the new passphrase.");
                }
                default -> {
                    String keyType = keyType(type, bits);
                    SshKeyPair pair = keyType.equals("ssh-rsa") || keyType.equals("ssh-dss")
                            ? SshKeyGenerator.generate(keyType, bits == 0 ? SshKeyGenerator.DEFAULT_RSA_BITS : bits, crypto)
                            : SshKeyGenerator.generate(keyType, crypto);
                    char[] pass = newPass != null ? newPass.toCharArray()
                            : prompts.ask("Enter passphrase (empty for no passphrase): ", false);
                    String c = comment != null ? comment : System.getProperty("user.name") + "@"
                            + java.net.InetAddress.getLocalHost().getHostName();
                    SshKeyGenerator.save(path, pair, c, pass == null || pass.length == 0 ? null : pass, crypto);
                    System.out.println("Your identification has been saved in " + path);
                    System.out.println("Your public key has been saved in " + path + ".pub");
                    System.out.println("The key fingerprint is:\n" + Fingerprints.sha256(pair.publicKey(), crypto) + " " + c);
                }
            }
            return 0;
        } catch (KeyFormatException e) {
            System.err.println("Load key \"" + file + "\": " + e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("secsh-keygen: " + e.getMessage());
            return 1;
        }
    }

    private static PassphraseSource passphrase(String given, Prompts prompts, String prompt) {
        return given != null ? PassphraseSource.of(given.toCharArray()) : name -> prompts.ask(prompt, false);
    }

    /** A public key line from {@code file.pub}, {@code file} itself if it is one, or else the private key. */
    private static PublicKeyFile publicKey(Path file, PassphraseSource ask) throws IOException {
        Path pub = Path.of(file + ".pub");
        if (Files.exists(pub)) {
            return PublicKeyFile.read(pub);
        }
        try {
            return PublicKeyFile.read(file);
        } catch (KeyFormatException notPublic) {
            OpenSshKeyFile.KeyFile k = PrivateKeyFiles.read(file, ask);
            return new PublicKeyFile(k.keyPair().publicKey(), k.comment());
        }
    }

    private static String keyType(String type, int bits) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "ed25519", "ssh-ed25519" -> "ssh-ed25519";
            case "ed448", "ssh-ed448" -> "ssh-ed448";
            case "rsa", "ssh-rsa" -> "ssh-rsa";
            case "dsa", "ssh-dss" -> "ssh-dss";
            case "ecdsa" -> "ecdsa-sha2-nistp" + (bits == 0 ? 256 : bits);
            default -> throw new IllegalArgumentException("unknown key type " + type);
        };
    }

    private static String label(String type) {
        return switch (type) {
            case "ssh-ed25519" -> "ED25519";
            case "ssh-ed448" -> "ED448";
            case "ssh-rsa" -> "RSA";
            case "ssh-dss" -> "DSA";
            default -> "ECDSA";
        };
    }

    private static int bitsOf(SshPublicKey key) throws SshException {
        return switch (ssh.api.crypto.SshKeyCodec.publicMaterial(key)) {
            case ssh.api.crypto.PublicKeyMaterial.Rsa r -> r.modulus().bitLength();
            case ssh.api.crypto.PublicKeyMaterial.Dsa d -> d.p().bitLength();
            case ssh.api.crypto.PublicKeyMaterial.Edwards e -> e.encoded().length == 32 ? 256 : 456;
            case ssh.api.crypto.PublicKeyMaterial.Ec ec -> switch (key.type()) {
                case "ecdsa-sha2-nistp384" -> 384;
                case "ecdsa-sha2-nistp521" -> 521;
                default -> 256;
            };
        };
    }
}
