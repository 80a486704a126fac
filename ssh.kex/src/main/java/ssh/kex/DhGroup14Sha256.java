package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group14-sha256} (RFC 8268): the 2048-bit MODP group with SHA-256. */
public final class DhGroup14Sha256 extends DhGroupKex {
    public DhGroup14Sha256() {
        super(KexNames.DH_GROUP14_SHA256, Primitive.SHA256, ModpGroups.GROUP14);
    }
}
