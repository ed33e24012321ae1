/**
 * The load harness (docs/performance.md): real players over wss speaking the hall's protocol, an
 * echo baseline, the server launcher that pins the server to its own core, and the report with
 * percentiles and PNG charts. Test-scope code only: nothing here is ever packaged into the
 * production WAR.
 */
package io.gamehall.bench;
