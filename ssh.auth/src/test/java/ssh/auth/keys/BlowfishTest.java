package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The Blowfish core under bcrypt_pbkdf: its initial state is pi's hexadecimal digits, and keyed
 * with the ordinary schedule it encrypts exactly as the JCA's Blowfish does.
 */
class BlowfishTest {
    @Test
    void initialStateIsTheFractionalHexDigitsOfPi() {
        int[] w = Blowfish.initialWords();
        assertEquals(Blowfish.P_WORDS + Blowfish.S_WORDS, w.length);
        // pi = 3.243F6A88 85A308D3 13198A2E 03707344 ...: the P-array starts with these words
        assertArrayEquals(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, Arrays.copyOf(w, 4));
        assertEquals(0x8979fb1b, w[Blowfish.P_WORDS - 1]); // last P word
        assertEquals(0xd1310ba6, w[Blowfish.P_WORDS]); // first word of S-box 0
        assertEquals(0x3ac372e6, w[w.length - 1]); // last word of S-box 3
    }

    @Test
    void knownAnswerOfTheZeroKey() {
        // Eric Young's Blowfish vectors: key 00..00, plaintext 00..00
        Blowfish bf = new Blowfish();
        bf.expandKey(new byte[8]);
        byte[] block = new byte[8];
        bf.encrypt(block, 0);
        assertEquals("4ef997456198dd78", HexFormat.of().formatHex(block));
    }

    @Property(tries = 60)
    void encryptsAsTheJcaDoes(@ForAll @Size(min = 4, max = 56) byte[] key, @ForAll @Size(value = 32) byte[] data)
            throws Exception {
        Cipher jca = Cipher.getInstance("Blowfish/ECB/NoPadding");
        jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "Blowfish"));
        byte[] want = jca.doFinal(data);

        Blowfish bf = new Blowfish();
        bf.expandKey(key);
        byte[] got = data.clone();
        for (int off = 0; off < got.length; off += 8) {
            bf.encrypt(got, off);
        }
        assertArrayEquals(want, got);
    }

    @Property(tries = 20)
    void anAllZeroSaltLeavesTheScheduleAsItIs(@ForAll @Size(min = 1, max = 72) byte[] key,
            @ForAll @Size(min = 1, max = 64) byte[] salt) {
        // eksblowfish XORs the salt into each block before encrypting it: zeros change nothing
        Blowfish plain = new Blowfish();
        plain.expandKey(key);
        Blowfish salted = new Blowfish();
        salted.expandKey(key, new byte[salt.length]);
        Blowfish other = new Blowfish();
        other.expandKey(key, salt);
        long block = 0x0123456789abcdefL;
        assertEquals(plain.encrypt(block), salted.encrypt(block));
        boolean zeroSalt = Arrays.equals(salt, new byte[salt.length]);
        assertEquals(zeroSalt, plain.encrypt(block) == other.encrypt(block));
    }

    @Test
    void wipeAndResetReturnToPi() {
        Blowfish bf = new Blowfish();
        long fresh = bf.encrypt(42L);
        bf.expandKey(new byte[] {1, 2, 3, 4});
        bf.wipe();
        bf.reset();
        assertEquals(fresh, bf.encrypt(42L));
    }
}
