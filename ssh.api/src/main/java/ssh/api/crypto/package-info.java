/**
 * Crypto primitives as secsh's SSH algorithms see them: the {@link ssh.api.crypto.Primitive}
 * catalogue, whatever providers supply them.
 */
package ssh.api.crypto;
