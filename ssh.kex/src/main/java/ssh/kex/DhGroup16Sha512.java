package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group16-sha512} (RFC 8268): the 4096-bit MODP group with SHA-512. */
public final class DhGroup16Sha512 extends DhGroupKex {
    public DhGroup16Sha512() {
        super(KexNames.DH_GROUP16_SHA512, Primitive.SHA512, ModpGroups.GROUP16);
    }
}
