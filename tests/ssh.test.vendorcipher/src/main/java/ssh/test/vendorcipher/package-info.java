/** Tests of examples/vendor-cipher: discovery, negotiation, and the error without the module. */
package ssh.test.vendorcipher;
