/**
 * Tests of the deployment kit: server scripts, Payara Micro, nginx, certificate renewal and the TLS
 * scan.
 */
package io.gamehall.deploy;
