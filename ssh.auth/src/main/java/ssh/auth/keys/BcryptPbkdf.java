package ssh.auth.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import ssh.api.crypto.DigestPrimitive;

/**
 * OpenBSD's {@code bcrypt_pbkdf}, the key derivation OpenSSH uses for passphrase-protected
 * private keys ({@code kdfname "bcrypt"} in PROTOCOL.key). Neither the JCA nor Bouncy Castle's
 * lightweight API offers it, so it is written here from its design:
 *
 * <ol>
 *   <li>the password is hashed once with SHA-512;</li>
 *   <li>for each 32-byte output block {@code n = 1, 2, ...} the salt followed by the big-endian
 *       32-bit {@code n} is hashed with SHA-512, and {@code bcrypt_hash} (below) of the two hashes
 *       is the block's first value; each further round hashes the previous value with SHA-512 and
 *       runs {@code bcrypt_hash} on that, and the block is the XOR of all rounds' values;</li>
 *   <li>the blocks are interleaved into the output: byte {@code i} of block {@code n} goes to
 *       position {@code i * blocks + n - 1}, so every part of a key depends on every block.</li>
 * </ol>
 *
 * <p>{@code bcrypt_hash(pass, salt)} keys {@link Blowfish} with eksblowfish's salted schedule
 * (pass as key, salt as salt), then 64 times alternately with the salt and with the pass as plain
 * Blowfish keys, and encrypts the 32 bytes {@code "OxychromaticBlowfishSwatDynamite"} 64 times in
 * ECB mode; the eight resulting 32-bit words, each written little-endian, are its value.
 *
 * <p>SHA-512 comes from the caller's crypto provider. Every intermediate value is wiped.
 */
final class BcryptPbkdf {
    /** Bytes of one {@code bcrypt_hash} value, and of one output block. */
    static final int HASH_BYTES = 32;
    /** The longest output OpenBSD's implementation produces. */
    static final int MAX_LENGTH = HASH_BYTES * HASH_BYTES;
    /** The longest salt OpenBSD's implementation accepts. */
    static final int MAX_SALT = 1 << 20;

    private static final byte[] PLAINTEXT = "OxychromaticBlowfishSwatDynamite".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA512_BYTES = 64;
    private static final int HASH_ROUNDS = 64;

    private BcryptPbkdf() {
    }

    /**
     * {@code length} bytes derived from {@code password} and {@code salt} in {@code rounds} rounds.
     * The caller wipes the result. Arguments outside what OpenBSD accepts (an empty password or
     * salt, no rounds, a length outside 1..1024) are a programming error here: the key-file reader
     * checks them first.
     */
    static byte[] derive(byte[] password, byte[] salt, int rounds, int length, DigestPrimitive sha512) {
        if (password.length == 0 || salt.length == 0 || salt.length > MAX_SALT || rounds < 1 || length < 1
                || length > MAX_LENGTH || sha512.length() != SHA512_BYTES) {
            throw new IllegalArgumentException("bcrypt_pbkdf needs a password, a salt of 1.." + MAX_SALT
                    + " bytes, at least one round, an output of 1.." + MAX_LENGTH + " bytes and SHA-512");
        }
        int stride = (length + HASH_BYTES - 1) / HASH_BYTES;
        int perBlock = (length + stride - 1) / stride;
        byte[] key = new byte[length];
        byte[] sha2pass = new byte[SHA512_BYTES];
        byte[] sha2salt = new byte[SHA512_BYTES];
        byte[] countSalt = Arrays.copyOf(salt, salt.length + 4);
        byte[] value = new byte[HASH_BYTES];
        byte[] block = new byte[HASH_BYTES];
        Blowfish blowfish = new Blowfish();
        try {
            sha512.update(password, 0, password.length);
            sha512.digest(sha2pass, 0);
            int remaining = length;
            for (int n = 1; remaining > 0; n++) {
                putInt(countSalt, salt.length, n);
                sha512.update(countSalt, 0, countSalt.length);
                sha512.digest(sha2salt, 0);
                hash(blowfish, sha2pass, sha2salt, value);
                System.arraycopy(value, 0, block, 0, HASH_BYTES);
                for (int r = 1; r < rounds; r++) {
                    sha512.update(value, 0, HASH_BYTES);
                    sha512.digest(sha2salt, 0);
                    hash(blowfish, sha2pass, sha2salt, value);
                    for (int i = 0; i < HASH_BYTES; i++) {
                        block[i] ^= value[i];
                    }
                }
                int take = Math.min(perBlock, remaining);
                int i = 0;
                for (; i < take && i * stride + n - 1 < length; i++) {
                    key[i * stride + n - 1] = block[i];
                }
                remaining -= i;
            }
            return key;
        } finally {
            blowfish.wipe();
            Arrays.fill(sha2pass, (byte) 0);
            Arrays.fill(sha2salt, (byte) 0);
            Arrays.fill(countSalt, (byte) 0);
            Arrays.fill(value, (byte) 0);
            Arrays.fill(block, (byte) 0);
        }
    }

    /** {@code bcrypt_hash}: 32 bytes from two 64-byte SHA-512 values, written to {@code out}. */
    static void hash(Blowfish blowfish, byte[] sha2pass, byte[] sha2salt, byte[] out) {
        blowfish.reset();
        blowfish.expandKey(sha2pass, sha2salt);
        for (int i = 0; i < HASH_ROUNDS; i++) {
            blowfish.expandKey(sha2salt);
            blowfish.expandKey(sha2pass);
        }
        long[] blocks = new long[HASH_BYTES / 8];
        int[] pos = {0};
        for (int j = 0; j < blocks.length; j++) {
            long hi = Blowfish.nextWord(PLAINTEXT, pos);
            blocks[j] = hi << 32 | (Blowfish.nextWord(PLAINTEXT, pos) & 0xffffffffL);
        }
        for (int i = 0; i < HASH_ROUNDS; i++) {
            for (int j = 0; j < blocks.length; j++) {
                blocks[j] = blowfish.encrypt(blocks[j]);
            }
        }
        for (int j = 0; j < blocks.length; j++) {
            putIntLittleEndian(out, 8 * j, (int) (blocks[j] >>> 32));
            putIntLittleEndian(out, 8 * j + 4, (int) blocks[j]);
        }
        Arrays.fill(blocks, 0);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void putIntLittleEndian(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
