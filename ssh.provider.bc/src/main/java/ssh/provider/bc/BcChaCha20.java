package ssh.provider.bc;

import java.util.Objects;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.Gather;

/**
 * ChaCha20 with the original 64-bit nonce and 64-bit block counter on Bouncy Castle's
 * {@link ChaChaEngine}, which has exactly that state layout.
 */
final class BcChaCha20 implements ChaCha20Primitive {
    private final Engine engine = new Engine();
    private byte[] key;
    private boolean keyed;

    @Override
    public void init(byte[] key) throws SshCryptoException {
        BcChecks.length("ChaCha20 key", key, 32);
        BcChecks.wipe(this.key);
        this.key = key.clone();
        this.keyed = false;
    }

    @Override
    public void crypt(byte[] nonce, long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        start(nonce, counter);
        engine.processBytes(in, inOff, len, out, outOff);
    }

    /** One keying for all the slices: the engine carries its key stream across calls. */
    @Override
    public void crypt(byte[] nonce, long counter, Gather in, byte[] out, int outOff) {
        Objects.checkFromIndexSize(outOff, in.length(), out.length);
        start(nonce, counter);
        int o = outOff;
        for (int i = 0; i < in.parts(); i++) {
            o += engine.processBytes(in.array(i), in.offset(i), in.length(i), out, o);
        }
    }

    private void start(byte[] nonce, long counter) {
        if (key == null) {
            throw new IllegalStateException("ChaCha20 used before init()");
        }
        if (nonce == null || nonce.length != 8) {
            throw new IllegalArgumentException("ChaCha20 needs an 8-byte nonce");
        }
        // Re-initialising without a key keeps the expanded key and only swaps the nonce.
        engine.init(true, new ParametersWithIV(keyed ? null : new KeyParameter(key), nonce));
        keyed = true;
        engine.startAtBlock(counter);
    }

    /**
     * A ChaCha engine that can start at any 64-bit block counter: its public seek works in bytes
     * and so cannot reach counters of 2^57 and above.
     */
    private static final class Engine extends ChaChaEngine {
        Engine() {
            super(20);
        }

        /** Sets state words 12 and 13 (the counter, low word first) and regenerates the key stream block. */
        void startAtBlock(long counter) {
            engineState[12] = (int) counter;
            engineState[13] = (int) (counter >>> 32);
            skip(0);
        }
    }
}
