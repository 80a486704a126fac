package ssh.auth.keys;

import static ssh.auth.keys.KeyFileFixtures.chain;
import static ssh.auth.keys.KeyFileFixtures.passphrase;
import static ssh.auth.keys.KeyFileFixtures.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;

/**
 * Random text, truncations and flipped bits of valid PEM, PKCS#8 and PuTTY files (plain and
 * encrypted, read with the right passphrase) give only {@link KeyFormatException} (or its subclass
 * {@link WrongPassphraseException}) or {@link WireFormatException}: never an unchecked exception.
 * PuTTY blobs are also mutated under a recomputed MAC, so that the blob decoder itself is reached.
 */
class PrivateKeyFilesPropertyTest {
    static final CryptoProvider CRYPTO = chain(null);
    static final List<String> FIXTURES = List.of("pem/ec256-pem", "pem/rsa1024-pem", "pem/dsa-pem",
            "pem/ec384-pem-aes128", "pem/rsa1024-pem-des3", "pem/ec521-pkcs8", "pem/dsa-pkcs8", "pem/ed25519-pkcs8",
            "pem/ed448-pkcs8", "pem/rsa1024-pkcs8-enc", "pem/ed25519-pkcs8-sha1-aes256", "ppk/ed25519-v2.ppk",
            "ppk/ecdsa256-v3.ppk", "ppk/rsa-v2-enc.ppk", "ppk/ecdsa256-v3-enc-light.ppk", "ppk/dsa-v3.ppk",
            "ppk/ed448-v2.ppk");
    static final List<String> PLAIN_PPK = List.of("ppk/ed25519-v2.ppk", "ppk/ecdsa256-v3.ppk", "ppk/dsa-v3.ppk",
            "ppk/ed448-v2.ppk", "ppk/rsa-v3.ppk");
    static final List<String> LABELS = List.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY");

    /** Reads {@code text}; fails on anything but the checked parse errors. */
    static void onlyParseErrors(String text) {
        try {
            PrivateKeyFiles.read(text, passphrase(), CRYPTO).keyPair().close();
        } catch (KeyFormatException | WireFormatException expected) {
            // fine: WrongPassphraseException is a KeyFormatException
        } catch (IOException e) {
            throw new AssertionError("unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    static String fixture(String name) {
        try {
            return resource(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.of(LABELS);
    }

    @Provide
    Arbitrary<String> plainPpk() {
        return Arbitraries.of(PLAIN_PPK);
    }

    @Property(tries = 200)
    void randomText(@ForAll byte[] bytes) {
        onlyParseErrors(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 300)
    void randomDerInEveryArmor(@ForAll("labels") String label, @ForAll @Size(max = 300) byte[] body,
            @ForAll boolean encryptedHeaders) {
        String headers = encryptedHeaders ? "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899aabbccddeeff\n\n" : "";
        onlyParseErrors("-----BEGIN " + label + "-----\n" + headers + Base64.getMimeEncoder().encodeToString(body)
                + "\n-----END " + label + "-----\n");
    }

    @Property(tries = 300)
    void truncations(@ForAll("fixtures") String name, @ForAll @IntRange(min = 0, max = 4000) int cut) {
        String text = fixture(name);
        onlyParseErrors(text.substring(0, cut % (text.length() + 1)));
    }

    @Property(tries = 500)
    void flippedBitsInTheText(@ForAll("fixtures") String name, @ForAll @IntRange(min = 0, max = 1 << 20) int at,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] b = fixture(name).getBytes(StandardCharsets.ISO_8859_1);
        b[at % b.length] ^= (byte) (1 << bit);
        onlyParseErrors(new String(b, StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 500)
    void flippedBitsInThePemBody(@ForAll("fixtures") String name, @ForAll @IntRange(min = 0, max = 1 << 20) int at,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        String text = fixture(name);
        if (text.startsWith("PuTTY")) {
            return;
        }
        String[] lines = text.split("\n");
        int first = 1;
        while (lines[first].contains(":") || lines[first].isEmpty()) {
            first++;
        }
        StringBuilder b64 = new StringBuilder();
        for (int i = first; i < lines.length - 1; i++) {
            b64.append(lines[i]);
        }
        byte[] body = Base64.getDecoder().decode(b64.toString());
        body[at % body.length] ^= (byte) (1 << bit);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < first; i++) {
            out.append(lines[i]).append('\n');
        }
        out.append(Base64.getMimeEncoder().encodeToString(body)).append('\n').append(lines[lines.length - 1]).append('\n');
        onlyParseErrors(out.toString());
    }

    @Property(tries = 400)
    void mutatedPuttyBlobsUnderAValidMac(@ForAll("plainPpk") String name, @ForAll boolean publicBlob,
            @ForAll @IntRange(min = 0, max = 3) int how, @ForAll @IntRange(min = 0, max = 1 << 20) int at,
            @ForAll byte value) throws GeneralSecurityException {
        Ppk ppk = Ppk.of(fixture(name));
        byte[] target = publicBlob ? ppk.pub : ppk.priv;
        int i = at % target.length;
        byte[] mutated = switch (how) {
            case 0 -> {
                target[i] = value;
                yield target;
            }
            case 1 -> Arrays.copyOf(target, i);
            case 2 -> {
                byte[] longer = Arrays.copyOf(target, target.length + 1 + i % 40);
                longer[target.length] = value;
                yield longer;
            }
            default -> {
                // the top byte of the first length field: huge or negative
                target[0] = value;
                yield target;
            }
        };
        onlyParseErrors(publicBlob ? ppk.text(mutated, ppk.priv) : ppk.text(ppk.pub, mutated));
    }

    @Test
    void theRecomputedMacIsRightSoTheMutationsReachTheDecoder() throws Exception {
        for (String name : PLAIN_PPK) {
            Ppk ppk = Ppk.of(fixture(name));
            PrivateKeyFiles.read(ppk.text(ppk.pub, ppk.priv), passphrase(), CRYPTO).keyPair().close();
        }
    }

    /** An unencrypted PuTTY file taken apart, to be put together again with other blobs. */
    private record Ppk(String first, boolean v3, String type, String comment, byte[] pub, byte[] priv) {
        static Ppk of(String text) {
            String[] lines = text.split("\n");
            int pubCount = Integer.parseInt(lines[3].substring("Public-Lines: ".length()));
            int privAt = 4 + pubCount;
            int privCount = Integer.parseInt(lines[privAt].substring("Private-Lines: ".length()));
            return new Ppk(lines[0], lines[0].startsWith("PuTTY-User-Key-File-3"),
                    lines[0].substring(lines[0].indexOf(": ") + 2), lines[2].substring("Comment: ".length()),
                    decode(lines, 4, pubCount), decode(lines, privAt + 1, privCount));
        }

        String text(byte[] publicBlob, byte[] privateBlob) throws GeneralSecurityException {
            return first + "\nEncryption: none\nComment: " + comment + "\nPublic-Lines: 1\n"
                    + Base64.getEncoder().encodeToString(publicBlob) + "\nPrivate-Lines: 1\n"
                    + Base64.getEncoder().encodeToString(privateBlob) + "\nPrivate-MAC: "
                    + HexFormat.of().formatHex(mac(v3, type, comment, publicBlob, privateBlob)) + "\n";
        }
    }

    private static byte[] decode(String[] lines, int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sb.append(lines[i]);
        }
        return Base64.getDecoder().decode(sb.toString());
    }

    /** The PPK MAC of an unencrypted file, written here from the specification with the JDK directly. */
    private static byte[] mac(boolean v3, String type, String comment, byte[] pub, byte[] priv)
            throws GeneralSecurityException {
        byte[] key = v3 ? new byte[1] : MessageDigest.getInstance("SHA-1")
                .digest("putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII));
        String alg = v3 ? "HmacSHA256" : "HmacSHA1";
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        for (byte[] part : new byte[][] {type.getBytes(StandardCharsets.UTF_8), "none".getBytes(StandardCharsets.UTF_8),
                comment.getBytes(StandardCharsets.UTF_8), pub, priv}) {
            mac.update(new byte[] {(byte) (part.length >>> 24), (byte) (part.length >>> 16), (byte) (part.length >>> 8),
                    (byte) part.length});
            mac.update(part);
        }
        return mac.doFinal();
    }
}
