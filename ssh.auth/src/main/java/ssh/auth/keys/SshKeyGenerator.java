package ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import ssh.api.SshAlgorithmException;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;

/**
 * Generates user and host keys by SSH key type name, as {@code ssh-keygen -t} does, with the key
 * material from a {@link CryptoProvider}, and saves them as {@code ssh-keygen} would:
 * <pre>{@code
 * SshKeyPair key = SshKeyGenerator.generate("ssh-ed25519", crypto);
 * SshKeyGenerator.save(Path.of(home, ".ssh/id_ed25519"), key, "me@example.org", passphrase, crypto);
 * }</pre>
 */
public final class SshKeyGenerator {
    /** RSA modulus size when none is asked for, as {@code ssh-keygen}'s default. */
    public static final int DEFAULT_RSA_BITS = 3072;
    /** The smallest RSA modulus generated, as {@code ssh-keygen}'s minimum. */
    public static final int MIN_RSA_BITS = SshKeyCodec.MIN_RSA_BITS;
    /** The largest RSA modulus generated, as OpenSSH's maximum. */
    public static final int MAX_RSA_BITS = SshKeyCodec.MAX_RSA_BITS;

    private static final List<String> TYPES = List.of("ssh-ed25519", "ssh-ed448", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss");

    private SshKeyGenerator() {
    }

    /** Every key type name {@link #generate} knows, whether or not a given provider can make it. */
    public static List<String> keyTypes() {
        return TYPES;
    }

    /** Whether {@code crypto} can generate keys of {@code keyType}. */
    public static boolean canGenerate(String keyType, CryptoProvider crypto) {
        return TYPES.contains(keyType) && crypto.supports(primitive(keyType));
    }

    /** A new key of {@code keyType} in the type's default size (3072 bits for {@code ssh-rsa}). */
    public static SshKeyPair generate(String keyType, CryptoProvider crypto) throws SshException {
        return generate(keyType, 0, crypto);
    }

    /**
     * A new key of {@code keyType}: {@code ssh-ed25519}, {@code ssh-ed448},
     * {@code ecdsa-sha2-nistp256}, {@code -nistp384}, {@code -nistp521}, {@code ssh-rsa} or
     * {@code ssh-dss}. {@code bits} is 0 for the default; otherwise it must be the type's own size
     * (255 or 256 for Ed25519, 448 for Ed448, the curve's for ECDSA, 1024 for DSA) or, for RSA, from
     * {@value #MIN_RSA_BITS} to {@value #MAX_RSA_BITS}, else {@link IllegalArgumentException}. An
     * unknown type is an {@link SshAlgorithmException}; a type the provider cannot make an
     * {@link ssh.api.SshCryptoException}.
     */
    public static SshKeyPair generate(String keyType, int bits, CryptoProvider crypto) throws SshException {
        if (!TYPES.contains(keyType)) {
            throw new SshAlgorithmException("cannot generate keys of type \"" + PublicKeyFile.shorten(keyType)
                    + "\"; known: " + String.join(", ", TYPES));
        }
        int size = size(keyType, bits);
        PrivateKeyMaterial m = crypto.generateKeyPair(primitive(keyType), size);
        try {
            return SshKeyCodec.keyPair(keyType, m);
        } finally {
            switch (m) {
                case PrivateKeyMaterial.Edwards ed -> ed.seed().destroy();
                case PrivateKeyMaterial.Ec ec -> ec.scalar().destroy();
                default -> {
                    // RSA and DSA material is BigIntegers, which cannot be wiped
                }
            }
        }
    }

    /**
     * Saves {@code keyPair} as {@code ssh-keygen} does: the private key file {@code file}
     * (encrypted with {@value OpenSshKeyFile#DEFAULT_CIPHER} unless {@code passphrase} is null or
     * empty; readable by its owner only where the file system has POSIX permissions) and the
     * public key line in {@code file.pub}. Either file existing already is an
     * {@link java.nio.file.FileAlreadyExistsException}, and nothing is written.
     */
    public static void save(Path file, SshKeyPair keyPair, String comment, char[] passphrase, CryptoProvider crypto)
            throws IOException {
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        String privateText = OpenSshKeyFile.write(keyPair, comment, passphrase, crypto);
        String publicText = PublicKeyFile.line(keyPair.publicKey(), comment) + "\n";
        if (Files.exists(pub, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(pub.toString());
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try {
            Files.writeString(file, privateText, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(pub, publicText, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static Primitive primitive(String keyType) {
        return switch (keyType) {
            case "ssh-ed25519" -> Primitive.ED25519;
            case "ssh-ed448" -> Primitive.ED448;
            case "ecdsa-sha2-nistp256" -> Primitive.ECDSA_P256;
            case "ecdsa-sha2-nistp384" -> Primitive.ECDSA_P384;
            case "ecdsa-sha2-nistp521" -> Primitive.ECDSA_P521;
            case "ssh-rsa" -> Primitive.RSA_SHA256;
            case "ssh-dss" -> Primitive.DSA;
            default -> throw new IllegalArgumentException(keyType);
        };
    }

    /** The size to ask the provider for: RSA's bits, DSA's 1024, 0 where the type fixes it. */
    private static int size(String keyType, int bits) {
        boolean ok = switch (keyType) {
            case "ssh-ed25519" -> bits == 0 || bits == 255 || bits == 256;
            case "ssh-ed448" -> bits == 0 || bits == 448;
            case "ecdsa-sha2-nistp256" -> bits == 0 || bits == 256;
            case "ecdsa-sha2-nistp384" -> bits == 0 || bits == 384;
            case "ecdsa-sha2-nistp521" -> bits == 0 || bits == 521;
            case "ssh-rsa" -> bits == 0 || bits >= MIN_RSA_BITS && bits <= MAX_RSA_BITS;
            default -> bits == 0 || bits == 1024;
        };
        if (!ok) {
            throw new IllegalArgumentException(keyType + " keys cannot have " + bits + " bits"
                    + (keyType.equals("ssh-rsa") ? "; RSA keys have " + MIN_RSA_BITS + " to " + MAX_RSA_BITS : ""));
        }
        return switch (keyType) {
            case "ssh-rsa" -> bits == 0 ? DEFAULT_RSA_BITS : bits;
            case "ssh-dss" -> 1024;
            default -> 0;
        };
    }
}
