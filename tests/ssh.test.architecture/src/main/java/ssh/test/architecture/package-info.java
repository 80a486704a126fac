/** Checks of ARCHITECTURE.md section 1 (who may see whom) and 7.2 (module-info is the algorithm table). */
package ssh.test.architecture;
