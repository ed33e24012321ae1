/**
 * Accounts for the session layer: register, login with throttling per account name and per address,
 * revocable tokens (a generation per account and logged-out device sessions, in the database),
 * logout and password changes, plus the player's stored records. The only way {@code session}
 * reaches the store; this package uses {@code store} and {@code identity}, never {@code session}.
 */
package io.gamehall.account;
