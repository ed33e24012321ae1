-- Running tables, saved after each event so they survive a restart or redeploy (io.gamehall.store.snapshot).
-- One row per table, replaced as the table moves on and deleted when its match ends or the table closes.
-- BYTEA: PostgreSQL's binary type, which H2 2.x reads as BINARY VARYING.

CREATE TABLE table_snapshot (
  table_id VARCHAR(32) NOT NULL PRIMARY KEY,
  game VARCHAR(32) NOT NULL,
  -- The table's sequence number when the state was taken.
  seq BIGINT NOT NULL,
  -- The 6-digit join code of a private table, NULL for listed tables.
  join_code VARCHAR(6),
  saved_at BIGINT NOT NULL,
  -- io.gamehall.store.snapshot.TableStateCodec: a format byte, then the fields; the match in its game's text form.
  state BYTEA NOT NULL
);
