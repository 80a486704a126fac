package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyFormatException;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.OpenSshKeyFile;

/**
 * The user-key half of {@link CryptoValueHostileTest}: a secsh server refuses RSA user keys under
 * 2048 bits or over 16384 bits (USERAUTH_FAILURE, never PK_OK or SUCCESS, even when the
 * application's authenticator allows the key) and an Ed25519 user signature with S >= L; and an
 * encrypted {@code openssh-key-v1} file asking for more bcrypt rounds than
 * {@link OpenSshKeyFile#MAX_KDF_ROUNDS} is refused at once, before the passphrase is asked
 * ({@code ssh.auth.keys.EncryptedKeyFileTest.hostileKdfSettingsAreRefusedBeforeAnyWork} checks
 * the same at unit level). To see the RSA cases fail, drop {@code requirePeerKeyStrength} from
 * {@code PublicKeyServer}.
 */
@Timeout(30)
class CryptoValueUserKeyTest {
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final PublicKeyAuthenticator ANY_KEY = (u, k, from) -> Optional.of(KeyOptions.NONE);

    /** The server's answer (a message number) to a publickey request for {@code blob}, signed if {@code key} is given. */
    private static int answer(String algorithm, byte[] blob, SshKeyPair key, boolean malleate) throws Exception {
        try (Peers p = Peers.connect(false, c -> c, s -> s)) {
            AuthPeers.serve(p.server, ServerAuthConfig.builder().publicKey(ANY_KEY).build());
            p.client.requestService("ssh-userauth", SHORT);
            WireWriter request = new WireWriter(4096).writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8("robey")
                    .writeUtf8("ssh-connection").writeUtf8("publickey").writeBoolean(key != null).writeUtf8(algorithm)
                    .writeString(blob);
            if (key != null) {
                WireWriter signed = new WireWriter(4096).writeString(p.client.sessionId())
                        .writeBytes(request.array(), 0, request.length());
                byte[] sig = AlgorithmRegistry.load().find(AlgorithmFamily.PUBLIC_KEY, algorithm).orElseThrow()
                        .sign(key, Arrays.copyOf(signed.array(), signed.length()), Peers.crypto());
                if (malleate) {
                    sig = sPlusL(sig);
                }
                request.writeString(sig);
            }
            p.client.send(request.array(), 0, request.length());
            return p.client.receive(SHORT).messageNumber();
        }
    }

    /** An ssh-ed25519 signature blob with S replaced by S + L. */
    private static byte[] sPlusL(byte[] blob) {
        byte[] raw = Arrays.copyOfRange(blob, blob.length - 64, blob.length);
        BigInteger s = new BigInteger(1, CryptoValueHostileTest.reverse(Arrays.copyOfRange(raw, 32, 64)))
                .add(CryptoValueHostileTest.L);
        byte[] be = s.toByteArray();
        for (int i = 0; i < 32; i++) {
            raw[32 + i] = i < be.length ? be[be.length - 1 - i] : 0;
        }
        byte[] out = blob.clone();
        System.arraycopy(raw, 0, out, blob.length - 64, 64);
        return out;
    }

    private static SshKeyPair rsa(int bits) throws Exception {
        return SshKeyCodec.keyPair("ssh-rsa", Peers.crypto().generateKeyPair(Primitive.RSA_SHA256, bits));
    }

    @Test
    void rsaUserKeyUnder2048BitsIsRefused() throws Exception {
        SshKeyPair k = rsa(1024);
        assertEquals(MessageNumbers.USERAUTH_FAILURE, answer("rsa-sha2-256", k.publicKey().blob(), null, false),
                "PK_OK for a 1024-bit RSA key");
        assertEquals(MessageNumbers.USERAUTH_FAILURE, answer("rsa-sha2-256", k.publicKey().blob(), k, false),
                "a 1024-bit RSA key logged in");
    }

    /** The control: the same requests with a 2048-bit key get PK_OK and SUCCESS. */
    @Test
    void rsaUserKeyOf2048BitsIsAccepted() throws Exception {
        SshKeyPair k = rsa(2048);
        assertEquals(MessageNumbers.USERAUTH_PK_OK, answer("rsa-sha2-256", k.publicKey().blob(), null, false));
        assertEquals(MessageNumbers.USERAUTH_SUCCESS, answer("rsa-sha2-256", k.publicKey().blob(), k, false));
    }

    @ParameterizedTest(name = "{0}-bit modulus")
    @ValueSource(ints = {16385, 20000})
    void rsaUserKeyOver16384BitsIsRefused(int bits) throws Exception {
        byte[] blob = new WireWriter(4096).writeUtf8("ssh-rsa").writeMpint(BigInteger.valueOf(65537))
                .writeMpint(BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE)).toByteArray();
        assertEquals(MessageNumbers.USERAUTH_FAILURE, answer("rsa-sha2-256", blob, null, false));
    }

    @Test
    void ed25519UserSignatureWithSNotUnderLIsRefused() throws Exception {
        SshKeyPair k = AuthPeers.ed25519();
        assertEquals(MessageNumbers.USERAUTH_FAILURE, answer("ssh-ed25519", k.publicKey().blob(), k, true));
        assertEquals(MessageNumbers.USERAUTH_SUCCESS, answer("ssh-ed25519", k.publicKey().blob(), k, false),
                "control: the unmodified signature logs in");
    }

    /** An encrypted key file whose bcrypt rounds are set to {@code rounds} after writing. */
    private static String withRounds(long rounds) throws Exception {
        String text = OpenSshKeyFile.write(AuthPeers.ed25519(), "", "pass".toCharArray(), "aes256-ctr", 1,
                Peers.crypto());
        String b64 = text.replace(OpenSshKeyFile.BEGIN, "").replace(OpenSshKeyFile.END, "").replaceAll("\\s", "");
        byte[] body = Base64.getDecoder().decode(b64);
        byte[] kdf = "bcrypt".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, kdf) + kdf.length; // string kdfoptions: uint32 24, string salt (16), uint32 rounds
        ByteBuffer b = ByteBuffer.wrap(body);
        assertEquals(24, b.getInt(at));
        assertEquals(16, b.getInt(at + 4));
        assertEquals(1, b.getInt(at + 8 + 16));
        b.putInt(at + 8 + 16, (int) rounds);
        return OpenSshKeyFile.BEGIN + "\n" + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(body) + "\n" + OpenSshKeyFile.END + "\n";
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @ParameterizedTest(name = "{0} rounds")
    @ValueSource(longs = {OpenSshKeyFile.MAX_KDF_ROUNDS + 1L, 0x7fffffffL, 0xffffffffL})
    void bcryptRoundsOverTheCapAreRefusedAtOnce(long rounds) throws Exception {
        String text = withRounds(rounds);
        AtomicInteger asked = new AtomicInteger();
        long start = System.nanoTime();
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> OpenSshKeyFile.read(text, what -> {
            asked.incrementAndGet();
            return "pass".toCharArray();
        }));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("rounds"), e.getMessage());
        assertEquals(0, asked.get(), "the passphrase was asked for a file that will be refused");
        assertTrue(ms < 1000, "refusal took " + ms + " ms");
    }

    /** The control: the same decode, patch (to the round count written) and re-armor path reads the key. */
    @Test
    void bcryptRoundsUnderTheCapAreRead() throws Exception {
        assertEquals("ssh-ed25519", OpenSshKeyFile.read(withRounds(1), what -> "pass".toCharArray()).keyPair()
                .publicKey().type());
    }
}
