/** What every HTTP response of the hall carries: the browser security headers. */
package io.gamehall.web;
