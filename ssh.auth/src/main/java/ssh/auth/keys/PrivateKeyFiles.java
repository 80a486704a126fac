package ssh.auth.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.spi.CryptoProvider;

/**
 * Reads a private key file in any format secsh knows, recognised by its first line:
 * <ul>
 * <li>OpenSSH's {@code openssh-key-v1} ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), through
 * {@link OpenSshKeyFile};</li>
 * <li>OpenSSL's traditional PEM ({@code ssh-keygen -m PEM}): {@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}, {@code DSA PRIVATE KEY}, plain or with {@code Proc-Type: 4,ENCRYPTED}
 * (AES-128/192/256-CBC, DES-EDE3-CBC);</li>
 * <li>PKCS#8 ({@code ssh-keygen -m PKCS8}, {@code openssl genpkey}): {@code PRIVATE KEY} (RSA, EC,
 * DSA, Ed25519, Ed448) and {@code ENCRYPTED PRIVATE KEY} with PBES2 (PBKDF2 with HMAC-SHA-1/256/512,
 * AES-CBC or DES-EDE3-CBC);</li>
 * <li>PuTTY's {@code .ppk} versions 2 and 3 (version 3 encrypted needs Argon2, which the
 * {@code bc} provider supplies and the JDK does not).</li>
 * </ul>
 * The passphrase is asked for only when the file turns out to be encrypted. Usage:
 * <pre>{@code
 * OpenSshKeyFile.KeyFile key = PrivateKeyFiles.read(Path.of("id_rsa.ppk"), PassphraseSource.of(chars));
 * }</pre>
 * A file in no known format is a {@link KeyFormatException} naming what was found (an armor label,
 * never the content); a wrong or missing passphrase is a {@link WrongPassphraseException}.
 */
public final class PrivateKeyFiles {
    /** Larger files are refused unread: no key file comes near this. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private PrivateKeyFiles() {
    }

    /** Reads the key file at {@code file}, with the default provider chain's primitives. */
    public static OpenSshKeyFile.KeyFile read(Path file, PassphraseSource passphrase) throws IOException {
        return read(file, passphrase, defaultCrypto());
    }

    /** Reads the key file at {@code file} with {@code crypto}'s primitives. */
    public static OpenSshKeyFile.KeyFile read(Path file, PassphraseSource passphrase, CryptoProvider crypto)
            throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        try {
            if (bytes.length > MAX_FILE_BYTES) {
                throw new KeyFormatException(file + " is larger than " + MAX_FILE_BYTES + " bytes: not a key file");
            }
            // PuTTY's comments may be in a legacy 8-bit charset; Latin-1 keeps their bytes for the MAC.
            Charset charset = isUtf8(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            return read(new String(bytes, charset), charset, passphrase, file.getFileName() == null
                    ? file.toString() : file.getFileName().toString(), crypto);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Reads a key file's text, with the default provider chain's primitives. */
    public static OpenSshKeyFile.KeyFile read(String text, PassphraseSource passphrase) throws IOException {
        return read(text, passphrase, defaultCrypto());
    }

    /** Reads a key file's text with {@code crypto}'s primitives. */
    public static OpenSshKeyFile.KeyFile read(String text, PassphraseSource passphrase, CryptoProvider crypto)
            throws IOException {
        return read(text, StandardCharsets.UTF_8, passphrase, null, crypto);
    }

    private static OpenSshKeyFile.KeyFile read(String text, Charset charset, PassphraseSource passphrase,
            String description, CryptoProvider crypto) throws IOException {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(PuttyKeyFile.MAGIC)) {
                return PuttyKeyFile.read(lines, i, passphrase, description, crypto, charset);
            }
            if (lines[i].strip().startsWith("-----BEGIN ")) {
                break;
            }
        }
        String label = Pem.firstLabel(lines);
        if (label == null) {
            throw new KeyFormatException((description == null ? "the text" : description)
                    + " is not a private key file: it has no \"-----BEGIN ...-----\" line and is no PuTTY key");
        }
        String what = description == null ? "the private key" : description;
        return switch (label) {
            case "OPENSSH PRIVATE KEY" -> OpenSshKeyFile.read(text, description, passphrase, crypto);
            case TraditionalPem.RSA, TraditionalPem.EC, TraditionalPem.DSA ->
                    new OpenSshKeyFile.KeyFile(TraditionalPem.read(lines, label, passphrase, what, crypto), "");
            case "PRIVATE KEY" -> {
                Pem pem = Pem.read(lines, label);
                try {
                    requireNoHeaders(pem);
                    yield new OpenSshKeyFile.KeyFile(Pkcs8.privateKeyInfo(pem.body(), crypto), "");
                } finally {
                    Arrays.fill(pem.body(), (byte) 0);
                }
            }
            case "ENCRYPTED PRIVATE KEY" -> {
                Pem pem = Pem.read(lines, label);
                requireNoHeaders(pem);
                yield new OpenSshKeyFile.KeyFile(Pkcs8.encrypted(pem.body(), passphrase, what, crypto), "");
            }
            case "SSH2 ENCRYPTED PRIVATE KEY" -> throw new KeyFormatException(
                    "ssh.com (SSH2) private keys are not supported; convert with ssh-keygen -i");
            case "PUBLIC KEY", "RSA PUBLIC KEY", "SSH2 PUBLIC KEY", "CERTIFICATE" -> throw new KeyFormatException(
                    "\"" + label + "\" is not a private key");
            default -> throw new KeyFormatException("unsupported key file format \"-----BEGIN "
                    + PublicKeyFile.shorten(label) + "-----\"");
        };
    }

    private static void requireNoHeaders(Pem pem) throws KeyFormatException {
        if (!pem.headers().isEmpty()) {
            throw new KeyFormatException("PEM headers " + pem.headers().keySet() + " in a \"" + pem.label()
                    + "\" block, which has none");
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static CryptoProvider defaultCrypto() throws SshException {
        return AlgorithmRegistry.installed().providerChain(null);
    }
}
