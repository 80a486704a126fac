/**
 * SSH algorithm names, default lists per role, and the {@link ssh.api.algorithms.AlgorithmRegistry}
 * that finds algorithm services and orders them by OpenSSH-style preference strings.
 */
package ssh.api.algorithms;
