package ssh.api;

/** Which end of a connection: the two sides have different default algorithm lists and duties. */
public enum Role {
    CLIENT, SERVER
}
