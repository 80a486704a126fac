package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.spi.CryptoProvider;

/**
 * PBKDF2 gives the same bytes on the JDK and on Bouncy Castle for any UTF-8 password, salt, count
 * and length; EdDSA public keys derived from random seeds agree too. (Argon2 is on Bouncy Castle
 * only, so it has known answers but nothing to agree with.)
 */
class KdfCrossProviderProperties {
    private final CryptoProvider jca = Providers.jca();
    private final CryptoProvider bc = Providers.bc();

    @Provide
    Arbitrary<Primitive> prfs() {
        return Arbitraries.of(Primitive.PBKDF2_HMAC_SHA1, Primitive.PBKDF2_HMAC_SHA256, Primitive.PBKDF2_HMAC_SHA512);
    }

    @Property(tries = 150)
    void pbkdf2Agrees(@ForAll("prfs") Primitive p, @ForAll @Size(max = 40) String password,
            @ForAll @Size(min = 1, max = 64) byte[] salt, @ForAll @IntRange(min = 1, max = 40) int iterations,
            @ForAll @IntRange(min = 1, max = 150) int length) throws Exception {
        assumeTrue(jca.supports(p) && bc.supports(p), p + " is not on both providers here");
        // Strings from jqwik may hold lone surrogates, which have no UTF-8 form: take what encodes.
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        assumeTrue(new String(pw, StandardCharsets.UTF_8).equals(password), "not encodable as UTF-8");
        assertArrayEquals(bc.pbkdf2(p, pw, salt, iterations, length), jca.pbkdf2(p, pw, salt, iterations, length));
    }

    @Property(tries = 40)
    void edwardsPublicKeysAgree(@ForAll boolean ed448, @ForAll @Size(57) byte[] seed) throws Exception {
        Primitive p = ed448 ? Primitive.ED448 : Primitive.ED25519;
        assumeTrue(jca.supports(p) && bc.supports(p), p + " is not on both providers here");
        byte[] s = ed448 ? seed : Arrays.copyOf(seed, 32);
        assertArrayEquals(((PublicKeyMaterial.Edwards) bc.derivePublicKey(p, Secret.copyOf(s))).encoded(),
                ((PublicKeyMaterial.Edwards) jca.derivePublicKey(p, Secret.copyOf(s))).encoded());
    }
}
