/** Known-answer tests (RFC and NIST vectors) and cross-provider properties for the crypto providers. */
package ssh.test.crypto;
