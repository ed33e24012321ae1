/**
 * The table actor: seats, spectators, turn clock and time bank, 托管 (trustee auto-play),
 * reconnection grace, bots, chat, and a sequenced event log for gapless resume. Pure Java, no
 * container imports.
 *
 * <p>Every state change of a {@link io.gamehall.table.Table} runs on its {@link
 * io.gamehall.table.SerialQueue}, one task at a time over a shared executor, so neither the table
 * nor the game's {@link io.gamehall.game.Match} needs locks. Timers come from one {@link
 * io.gamehall.table.TableClock} and post back into that queue. The table drives games only through
 * the SPI in {@code io.gamehall.game} and has no case for any particular game.
 *
 * <p>{@link io.gamehall.table.Table} itself is a thin shell over package-private collaborators, one
 * concern each (seating and grace, turn clock and 托管, negotiations, event log, checkpoints,
 * answered commands), all called from the table's queue; docs/architecture.md lists them.
 */
package io.gamehall.table;
