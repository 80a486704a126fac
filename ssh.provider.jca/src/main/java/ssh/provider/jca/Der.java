package ssh.provider.jca;

import java.io.ByteArrayOutputStream;

/** The few DER encodings needed to hand raw ML-KEM keys to the JDK's KeyFactory (X.509 and PKCS#8 wrappers). */
final class Der {
    private Der() {
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    static byte[] octetString(byte[] content) {
        return tlv(0x04, content);
    }

    /** A BIT STRING with no unused bits. */
    static byte[] bitString(byte[] content) {
        byte[] withPad = new byte[content.length + 1];
        System.arraycopy(content, 0, withPad, 1, content.length);
        return tlv(0x03, withPad);
    }

    /** The OID 2.16.840.1.101.3.4.4.{@code last} (NIST's ML-KEM arc). */
    static byte[] nistKemOid(int last) {
        return new byte[] {0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, (byte) last};
    }
}
