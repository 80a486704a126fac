package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group18-sha512} (RFC 8268): the 8192-bit MODP group with SHA-512. */
public final class DhGroup18Sha512 extends DhGroupKex {
    public DhGroup18Sha512() {
        super(KexNames.DH_GROUP18_SHA512, Primitive.SHA512, ModpGroups.GROUP18);
    }
}
