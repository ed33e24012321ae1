/** Quick-match grouping by rating band: pure Java, shared by the lobby and the cluster queue. */
package io.gamehall.matching;
