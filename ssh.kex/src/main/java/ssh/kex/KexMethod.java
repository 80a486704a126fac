package ssh.kex;

import java.util.EnumSet;
import java.util.Set;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KeyExchange;

/** What every key-exchange method here shares: its name, its hash and the primitives it needs. */
abstract class KexMethod implements KexFactory {
    private final String name;
    private final Primitive hash;
    private final Set<Primitive> required;

    KexMethod(String name, Primitive hash, Primitive... others) {
        this.name = name;
        this.hash = hash;
        this.required = Set.copyOf(EnumSet.of(hash, others));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Primitive hash() {
        return hash;
    }

    @Override
    public final Set<Primitive> requiredPrimitives() {
        return required;
    }

    @Override
    public final KeyExchange create(CryptoProvider crypto) {
        if (crypto == null) {
            throw new NullPointerException("crypto");
        }
        return newExchange(crypto);
    }

    /** A fresh run of this method drawing its primitives from {@code crypto}. */
    abstract KeyExchange newExchange(CryptoProvider crypto);

    /** Bits of output of {@link #hash()}. */
    final int hashBits() {
        return switch (hash) {
            case SHA1 -> 160;
            case SHA256 -> 256;
            case SHA384 -> 384;
            default -> 512;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
