package ssh.cipher;

import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.MacPrimitive;
import ssh.api.spi.PacketMac;

/**
 * One direction's HMAC over {@code uint32 sequence_number || packet}, truncated to the MAC length;
 * it works in scratch fields, so nothing is allocated per packet.
 */
final class HmacPacketMac implements PacketMac {
    private final String name;
    private final int keyLength;
    private final int macLength;
    private final byte[] sequence = new byte[4];
    private final byte[] full;
    private MacPrimitive mac;

    HmacPacketMac(String name, MacPrimitive mac, int keyLength, int macLength) {
        this.name = name;
        this.mac = mac;
        this.keyLength = keyLength;
        this.macLength = macLength;
        this.full = new byte[mac.length()];
    }

    @Override
    public void compute(int sequenceNumber, byte[] buf, int off, int len, byte[] out, int outOff) {
        run(sequenceNumber, buf, off, len);
        System.arraycopy(full, 0, out, outOff, macLength);
        Arrays.fill(full, (byte) 0);
    }

    @Override
    public boolean verify(int sequenceNumber, byte[] buf, int off, int len, byte[] received, int macOff) {
        run(sequenceNumber, buf, off, len);
        boolean ok = ConstantTime.equals(full, 0, received, macOff, macLength);
        Arrays.fill(full, (byte) 0);
        return ok;
    }

    private void run(int sequenceNumber, byte[] buf, int off, int len) {
        MacPrimitive m = mac;
        if (m == null) {
            throw new IllegalStateException(name + " MAC is closed");
        }
        Checks.putUint32(sequence, 0, sequenceNumber);
        m.update(sequence, 0, 4);
        m.update(buf, off, len);
        m.doFinal(full, 0);
    }

    /**
     * Rekeys the primitive with zeros, which overwrites the HMAC's inner and outer key state (the
     * primitive interface has no wipe of its own), then drops it.
     */
    @Override
    public void close() {
        MacPrimitive m = mac;
        mac = null;
        Arrays.fill(full, (byte) 0);
        if (m != null) {
            try {
                m.init(new byte[keyLength]);
            } catch (SshCryptoException e) {
                // Best effort: the primitive is unreachable from here on either way.
            }
        }
    }
}
