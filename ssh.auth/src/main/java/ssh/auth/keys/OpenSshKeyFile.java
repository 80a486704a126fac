package ssh.auth.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import ssh.api.SshAlgorithmException;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireWriter;

/**
 * OpenSSH's private key file format {@code openssh-key-v1} (OpenSSH's PROTOCOL.key): the
 * {@code -----BEGIN OPENSSH PRIVATE KEY-----} armor around base64 of the magic, cipher and KDF
 * names, KDF options, one public key blob and the private section (two equal check integers, the
 * key type, the key's private fields, the comment, padding 1, 2, 3, ...).
 *
 * <p>Encrypted files use the KDF {@code bcrypt} (OpenBSD's bcrypt_pbkdf over the UTF-8 bytes of
 * the passphrase, with the salt and rounds stored in the file) and one of the ciphers
 * {@code aes256-ctr} (ssh-keygen's default), {@code aes128-ctr}, {@code aes192-ctr},
 * {@code aes128-cbc}, {@code aes192-cbc}, {@code aes256-cbc}, {@code 3des-cbc},
 * {@code aes128-gcm@openssh.com}, {@code aes256-gcm@openssh.com} and
 * {@code chacha20-poly1305@openssh.com}. Reading one needs a {@link PassphraseSource}:
 * <pre>{@code
 * KeyFile key = OpenSshKeyFile.read(Path.of(home, ".ssh/id_ed25519"), description -> console.readPassword(
 *         "Enter passphrase for %s: ", description));
 * }</pre>
 * A wrong passphrase is a {@link WrongPassphraseException}; the methods without a source throw it
 * for any encrypted file. Passphrases and derived keys are wiped after use.
 */
public final class OpenSshKeyFile {
    /** The first line of the armor. */
    public static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    /** The last line of the armor. */
    public static final String END = "-----END OPENSSH PRIVATE KEY-----";
    /** The cipher keys are encrypted with unless another is named, as with {@code ssh-keygen}. */
    public static final String DEFAULT_CIPHER = "aes256-ctr";
    /** The bcrypt rounds keys are encrypted with unless told otherwise, as {@code ssh-keygen -a}'s default. */
    public static final int DEFAULT_KDF_ROUNDS = 16;
    /**
     * Files asking for more bcrypt rounds than this are refused: at about 6 ms a round, this many
     * already take some ten minutes, and a file should not be able to make a reader spin for hours.
     */
    public static final int MAX_KDF_ROUNDS = 100_000;

    private static final int SALT_LENGTH = 16;

    private OpenSshKeyFile() {
    }

    /**
     * A key pair read from a private key file, with the comment stored next to it.
     *
     * @param keyPair the key pair, checked against its public key blob
     * @param comment the comment, {@code ""} if there is none
     */
    public record KeyFile(SshKeyPair keyPair, String comment) {
        /** Checks that neither part is null. */
        public KeyFile {
            Objects.requireNonNull(keyPair);
            Objects.requireNonNull(comment);
        }
    }

    /**
     * Reads the unencrypted private key file at {@code file}; an encrypted one is a
     * {@link WrongPassphraseException} that names the file.
     */
    public static KeyFile read(Path file) throws IOException {
        return readFile(file, null);
    }

    /** Reads an unencrypted private key file's text: the armor and the base64 between. */
    public static KeyFile read(String text) throws KeyFormatException, WireFormatException {
        return decode(OpenSshKeyFormat.unarmor(text));
    }

    /**
     * Decodes the binary {@code openssh-key-v1} structure (the base64-decoded body) of an unencrypted
     * key; an encrypted one is a {@link WrongPassphraseException}.
     */
    public static KeyFile decode(byte[] data) throws KeyFormatException, WireFormatException {
        OpenSshKeyFormat.Envelope e = OpenSshKeyFormat.Envelope.parse(data);
        if (e.cipher() != null) {
            throw needsPassphrase(e, "the " + e.publicKey().type() + " key");
        }
        return plain(e);
    }

    /**
     * Reads the private key file at {@code file}, asking {@code passphrase} (with the file's name)
     * only if the file is encrypted. Crypto comes from the default provider chain.
     */
    public static KeyFile read(Path file, PassphraseSource passphrase) throws IOException {
        return readFile(file, Objects.requireNonNull(passphrase));
    }

    /**
     * Reads a private key file's text, asking {@code passphrase} (with the key's type and
     * fingerprint) only if it is encrypted. Crypto comes from the default provider chain.
     */
    public static KeyFile read(String text, PassphraseSource passphrase) throws IOException {
        Objects.requireNonNull(passphrase);
        return open(OpenSshKeyFormat.unarmor(text), null, passphrase, null);
    }

    /** As {@link #read(String, PassphraseSource)}, with SHA-512 and the cipher from {@code crypto}. */
    public static KeyFile read(String text, PassphraseSource passphrase, CryptoProvider crypto) throws IOException {
        Objects.requireNonNull(passphrase);
        Objects.requireNonNull(crypto);
        return open(OpenSshKeyFormat.unarmor(text), null, passphrase, crypto);
    }

    /**
     * As {@link #read(String, PassphraseSource, CryptoProvider)}, naming the key {@code name} (a
     * file name, or null to name it by type and fingerprint) when asking for the passphrase and in
     * messages; for {@link PrivateKeyFiles}, which knows the file's name.
     */
    static KeyFile read(String text, String name, PassphraseSource passphrase, CryptoProvider crypto)
            throws IOException {
        return open(OpenSshKeyFormat.unarmor(text), name, Objects.requireNonNull(passphrase), crypto);
    }

    private static KeyFile readFile(Path file, PassphraseSource source) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return open(OpenSshKeyFormat.unarmor(text), file.toString(), source, null);
    }

    /**
     * Reads the binary structure {@code data}, decrypting it with a passphrase from {@code source}
     * (null: refuse encrypted keys) and primitives from {@code crypto} (null: the default chain).
     */
    private static KeyFile open(byte[] data, String name, PassphraseSource source, CryptoProvider crypto)
            throws IOException {
        OpenSshKeyFormat.Envelope e = OpenSshKeyFormat.Envelope.parse(data);
        if (e.cipher() == null) {
            return plain(e);
        }
        if (source == null) {
            throw needsPassphrase(e, name != null ? name : "the " + e.publicKey().type() + " key");
        }
        CryptoProvider c = crypto != null ? crypto : AlgorithmRegistry.installed().providerChain(null);
        String description = name != null ? name
                : "the " + e.publicKey().type() + " key " + Fingerprints.sha256(e.publicKey(), c);
        char[] chars = source.passphrase(description);
        if (chars == null) {
            throw new WrongPassphraseException("no passphrase was given for " + description + ", which is encrypted");
        }
        byte[] pass = null;
        byte[] keyAndIv = null;
        byte[] section = e.section();
        try {
            pass = utf8(chars);
            if (pass.length == 0) {
                throw new WrongPassphraseException("an empty passphrase cannot decrypt " + description);
            }
            keyAndIv = BcryptPbkdf.derive(pass, e.salt(), e.rounds(), e.cipher().keyAndIvLength(),
                    c.digest(Primitive.SHA512));
            try {
                e.cipher().decrypt(c, keyAndIv, section, e.sectionLength());
            } catch (SshMacException tag) {
                throw new WrongPassphraseException("incorrect passphrase for " + description);
            }
            return OpenSshKeyFormat.privateSection(e.publicKey(), section, e.sectionLength(), description);
        } catch (CharacterCodingException bad) {
            throw new WrongPassphraseException("the passphrase for " + description + " is not valid Unicode text");
        } finally {
            Arrays.fill(chars, '\0');
            wipe(pass);
            wipe(keyAndIv);
            wipe(section);
        }
    }

    private static WrongPassphraseException needsPassphrase(OpenSshKeyFormat.Envelope e, String description) {
        return new WrongPassphraseException(description + " is encrypted (" + e.cipher().sshName()
                + ", bcrypt KDF with " + e.rounds() + " rounds): a passphrase is needed to read it");
    }

    private static KeyFile plain(OpenSshKeyFormat.Envelope e) throws KeyFormatException, WireFormatException {
        byte[] section = e.section();
        try {
            if (section.length % OpenSshKeyFormat.BLOCK_SIZE != 0) {
                throw new KeyFormatException("private section of " + section.length
                        + " bytes is not a multiple of the block size " + OpenSshKeyFormat.BLOCK_SIZE);
            }
            return OpenSshKeyFormat.privateSection(e.publicKey(), section, section.length, null);
        } finally {
            wipe(section);
        }
    }

    /**
     * The text of an unencrypted private key file holding {@code keyPair}, byte for byte as
     * {@code ssh-keygen -N ''} writes it (with a random check integer from {@code crypto}).
     */
    public static String write(SshKeyPair keyPair, String comment, CryptoProvider crypto) throws SshException {
        return write(keyPair, comment, null, DEFAULT_CIPHER, DEFAULT_KDF_ROUNDS, crypto);
    }

    /**
     * The text of a private key file holding {@code keyPair}, encrypted as {@code ssh-keygen -N}
     * does by default ({@value #DEFAULT_CIPHER}, bcrypt with {@value #DEFAULT_KDF_ROUNDS} rounds
     * and a random 16-byte salt); a null or empty {@code passphrase} writes it unencrypted. The
     * caller keeps (and wipes) the passphrase.
     */
    public static String write(SshKeyPair keyPair, String comment, char[] passphrase, CryptoProvider crypto)
            throws SshException {
        return write(keyPair, comment, passphrase, DEFAULT_CIPHER, DEFAULT_KDF_ROUNDS, crypto);
    }

    /**
     * As {@link #write(SshKeyPair, String, char[], CryptoProvider)} with the cipher and the bcrypt
     * rounds chosen, as {@code ssh-keygen -Z cipher -a rounds} does. An unknown cipher is an
     * {@link SshAlgorithmException}; rounds outside 1..{@value #MAX_KDF_ROUNDS}, or a passphrase that
     * is not valid UTF-16 text, an {@link IllegalArgumentException}.
     */
    public static String write(SshKeyPair keyPair, String comment, char[] passphrase, String cipher, int rounds,
            CryptoProvider crypto) throws SshException {
        String c = comment == null ? "" : comment;
        int checkint = crypto.random().nextInt();
        byte[] body;
        if (passphrase == null || passphrase.length == 0) {
            body = encode(keyPair, c, checkint);
        } else {
            KeyFileCipher kc = KeyFileCipher.named(cipher).orElseThrow(() -> new SshAlgorithmException(
                    "unknown private key cipher \"" + cipher + "\"; known: " + Arrays.stream(KeyFileCipher.values())
                            .map(KeyFileCipher::sshName).toList()));
            if (rounds < 1 || rounds > MAX_KDF_ROUNDS) {
                throw new IllegalArgumentException("bcrypt rounds " + rounds + " outside 1.." + MAX_KDF_ROUNDS);
            }
            byte[] salt = new byte[SALT_LENGTH];
            crypto.random().nextBytes(salt);
            byte[] pass;
            try {
                pass = utf8(passphrase);
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("the passphrase is not valid Unicode text");
            }
            try {
                body = encode(keyPair, c, checkint, kc, pass, salt, rounds, crypto);
            } finally {
                wipe(pass);
            }
        }
        try {
            return OpenSshKeyFormat.armor(body);
        } finally {
            wipe(body);
        }
    }

    /** The binary {@code openssh-key-v1} structure, unencrypted, with check integer {@code checkint}. */
    static byte[] encode(SshKeyPair keyPair, String comment, int checkint) {
        byte[] section = OpenSshKeyFormat.section(keyPair, comment, checkint, OpenSshKeyFormat.BLOCK_SIZE, 0);
        try {
            return OpenSshKeyFormat.envelope(OpenSshKeyFormat.NONE, OpenSshKeyFormat.NONE, new byte[0],
                    keyPair.publicKey(), section, section.length, 0);
        } finally {
            wipe(section);
        }
    }

    /** The binary structure encrypted with {@code cipher} under bcrypt of {@code passphrase} (UTF-8). */
    static byte[] encode(SshKeyPair keyPair, String comment, int checkint, KeyFileCipher cipher, byte[] passphrase,
            byte[] salt, int rounds, CryptoProvider crypto) throws SshException {
        byte[] section = OpenSshKeyFormat.section(keyPair, comment, checkint, cipher.blockSize(), cipher.tagLength());
        int len = section.length - cipher.tagLength();
        byte[] keyAndIv = null;
        try {
            keyAndIv = BcryptPbkdf.derive(passphrase, salt, rounds, cipher.keyAndIvLength(),
                    crypto.digest(Primitive.SHA512));
            cipher.encrypt(crypto, keyAndIv, section, len);
            byte[] options = new WireWriter(salt.length + 8).writeString(salt).writeUint32(rounds).toByteArray();
            return OpenSshKeyFormat.envelope(cipher.sshName(), OpenSshKeyFormat.BCRYPT, options, keyPair.publicKey(),
                    section, len, cipher.tagLength());
        } finally {
            wipe(keyAndIv);
            wipe(section);
        }
    }

    /** The UTF-8 bytes of {@code chars}, with no copy left behind but the result. */
    private static byte[] utf8(char[] chars) throws CharacterCodingException {
        ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }

}
