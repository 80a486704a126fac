/**
 * secsh's exception hierarchy, rooted at the checked {@link ssh.api.SshException}. Subtypes say
 * what went wrong and carry its data: reason codes, negotiation lists, auth methods that can
 * continue.
 */
package ssh.api;
