/**
 * Service interfaces through which algorithms plug into secsh, each found with
 * {@link java.util.ServiceLoader} and selected by its SSH name: key exchange, public-key
 * (host and user keys), cipher, MAC, compression, client and server auth methods, and the
 * {@link ssh.api.spi.CryptoProvider} that supplies primitives.
 *
 * <p>A vendor adds an algorithm with one class implementing a factory and one
 * {@code provides ssh.api.spi.CipherFactory with com.example.MyCipher;} line in its module-info
 * (plus a {@code META-INF/services} entry for class-path users).
 */
package ssh.api.spi;
