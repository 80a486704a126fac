/** End-to-end tests: secsh against secsh, OpenSSH's sshd and OpenSSH's ssh. */
package ssh.test.endtoend;
