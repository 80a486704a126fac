package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group14-sha1} (RFC 4253), legacy: the 2048-bit MODP group with SHA-1. */
public final class DhGroup14Sha1 extends DhGroupKex {
    public DhGroup14Sha1() {
        super(KexNames.DH_GROUP14_SHA1, Primitive.SHA1, ModpGroups.GROUP14);
    }
}
