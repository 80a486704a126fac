package ssh.auth.keys;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;

/** Hostile input to every key-file parser gives KeyFormatException or WireFormatException, never anything unchecked. */
class KeyFilesPropertyTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();
    static final byte[] VALID;
    static final String VALID_PUB;

    static {
        try {
            SshKeyPair pair = SshKeyCodec.keyPair("ecdsa-sha2-nistp256", CRYPTO.generateKeyPair(Primitive.ECDSA_P256, 0));
            VALID = OpenSshKeyFile.encode(pair, "comment", 0x12345678);
            VALID_PUB = PublicKeyFile.line(pair.publicKey(), "comment");
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code parser}; fails on anything but the two checked parse errors. */
    interface Parser {
        void parse() throws SshException;
    }

    static void onlyCheckedErrors(Parser parser) {
        try {
            parser.parse();
        } catch (KeyFormatException | WireFormatException expected) {
            // fine
        } catch (SshException e) {
            throw new AssertionError("unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    @Property(tries = 300)
    void randomBytes(@ForAll byte[] bytes) {
        onlyCheckedErrors(() -> OpenSshKeyFile.decode(bytes));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        onlyCheckedErrors(() -> OpenSshKeyFile.read(text));
        onlyCheckedErrors(() -> PublicKeyFile.parse(text));
        onlyCheckedErrors(() -> AuthorizedKeys.parseLine(text, 1, ZoneOffset.UTC));
        AuthorizedKeys.parse(text, ZoneOffset.UTC);
    }

    @Property(tries = 300)
    void truncatedAndCorruptedKeys(@ForAll @IntRange(min = 0, max = 400) int cut, @ForAll @IntRange(max = 399) int at,
            @ForAll byte flip) {
        byte[] t = Arrays.copyOf(VALID, Math.min(cut, VALID.length));
        onlyCheckedErrors(() -> OpenSshKeyFile.decode(t));
        byte[] c = VALID.clone();
        c[at % c.length] ^= flip;
        onlyCheckedErrors(() -> OpenSshKeyFile.decode(c));
        String armored = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(c)
                + "\n-----END OPENSSH PRIVATE KEY-----\n";
        onlyCheckedErrors(() -> OpenSshKeyFile.read(armored));
        onlyCheckedErrors(() -> OpenSshKeyFile.read(armored.substring(0, Math.min(cut, armored.length()))));
        onlyCheckedErrors(() -> PublicKeyFile.parse(VALID_PUB.substring(0, Math.min(cut, VALID_PUB.length()))));
    }

    @Property(tries = 500)
    void hostileAuthorizedKeysLines(@ForAll("optionish") String options, @ForAll @IntRange(max = 200) int cut) {
        String line = options + " " + VALID_PUB;
        onlyCheckedErrors(() -> AuthorizedKeys.parseLine(line, 1, ZoneOffset.UTC));
        onlyCheckedErrors(() -> AuthorizedKeys.parseLine(line.substring(0, Math.min(cut, line.length())), 1,
                ZoneOffset.UTC));
        AuthorizedKeys.parse(line + "\n" + options, ZoneOffset.UTC);
    }

    @Provide
    Arbitrary<String> optionish() {
        Arbitrary<String> pieces = Arbitraries.of("command=", "from=", "environment=", "permitopen=", "permitlisten=",
                "expiry-time=", "principals=", "tunnel=", "restrict", "no-pty", "pty", "cert-authority", "\"", "\\\"",
                ",", "=", " ", "\t", "20240101", "Z", "x", ":", "*", "99999", "A=b", "", "#");
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }
}
