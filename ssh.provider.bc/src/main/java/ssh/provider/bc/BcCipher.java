package ssh.provider.bc;

import java.util.function.Supplier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import ssh.api.SshCryptoException;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.Primitive;

/** AES-CTR, AES-CBC, 3DES-CBC and Blowfish-CBC on Bouncy Castle's block cipher modes, stateful across updates. */
final class BcCipher implements CipherPrimitive {
    private final String name;
    private final Supplier<BlockCipher> engine;
    private final boolean ctr;
    private final int blockSize;
    private final int[] keySizes;
    private CTRModeCipher ctrMode;
    private BlockCipher cbcMode;

    private BcCipher(String name, Supplier<BlockCipher> engine, boolean ctr, int blockSize, int... keySizes) {
        this.name = name;
        this.engine = engine;
        this.ctr = ctr;
        this.blockSize = blockSize;
        this.keySizes = keySizes;
    }

    /** A new, unkeyed cipher for {@code p}. */
    static BcCipher of(Primitive p) {
        return switch (p) {
            case AES_CTR -> new BcCipher("AES-CTR", AESEngine::newInstance, true, 16, 16, 24, 32);
            case AES_CBC -> new BcCipher("AES-CBC", AESEngine::newInstance, false, 16, 16, 24, 32);
            case TRIPLE_DES_CBC -> new BcCipher("3DES-CBC", DESedeEngine::new, false, 8, 24);
            case BLOWFISH_CBC -> new BcCipher("Blowfish-CBC", BlowfishEngine::new, false, 8, 16);
            default -> throw new IllegalArgumentException(p + " is not a block cipher mode");
        };
    }

    @Override
    public void init(boolean encrypt, byte[] key, byte[] iv) throws SshCryptoException {
        BcChecks.length(name + " key", key, keySizes);
        BcChecks.length(name + " IV", iv, blockSize);
        ParametersWithIV params = new ParametersWithIV(new KeyParameter(key), iv);
        try {
            if (ctr) {
                CTRModeCipher c = SICBlockCipher.newInstance(engine.get());
                c.init(true, params);
                ctrMode = c;
            } else {
                BlockCipher c = CBCBlockCipher.newInstance(engine.get());
                c.init(encrypt, params);
                cbcMode = c;
            }
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " key", e);
        }
    }

    @Override
    public void update(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (ctr) {
            if (ctrMode == null) {
                throw new IllegalStateException(name + " used before init()");
            }
            ctrMode.processBytes(in, inOff, len, out, outOff);
            return;
        }
        if (cbcMode == null) {
            throw new IllegalStateException(name + " used before init()");
        }
        if (len % blockSize != 0) {
            throw new IllegalArgumentException(name + " needs whole blocks, got " + len + " bytes");
        }
        for (int done = 0; done < len; done += blockSize) {
            cbcMode.processBlock(in, inOff + done, out, outOff + done);
        }
    }

    @Override
    public int blockSize() {
        return blockSize;
    }
}
