-- Players (guests and registered accounts), finished matches with seats and move logs, and ratings per game.
-- Portable SQL only (H2 2.x and PostgreSQL): no sequences, ids come from the application; times are epoch millis.

CREATE TABLE player (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  nickname VARCHAR(64) NOT NULL,
  -- Lower-cased login name; NULL while the player is a guest.
  account_name VARCHAR(32),
  -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
  password_hash VARCHAR(200),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  registered_at BIGINT
);
CREATE UNIQUE INDEX player_account_name ON player (account_name);

CREATE TABLE match_record (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  table_id VARCHAR(64) NOT NULL,
  game VARCHAR(32) NOT NULL,
  -- Table options as a JSON object, e.g. {"variant":"renju"}.
  options VARCHAR(1000) NOT NULL,
  seat_count INTEGER NOT NULL,
  -- Hex of the 32-byte seed the match started from: with options and moves it replays the match exactly.
  seed VARCHAR(64) NOT NULL,
  -- Dou Dizhu: the deal commitment published at the start and the seed revealed at the end.
  commitment VARCHAR(64),
  revealed_seed VARCHAR(64),
  reason VARCHAR(16) NOT NULL,
  detail VARCHAR(64),
  -- Winning seats, comma-separated (empty for a draw).
  winners VARCHAR(32) NOT NULL,
  rated BOOLEAN NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL
);
CREATE INDEX match_record_ended ON match_record (ended_at);

CREATE TABLE match_seat (
  match_id VARCHAR(64) NOT NULL,
  seat INTEGER NOT NULL,
  -- NULL for a bot seat.
  player_id VARCHAR(64),
  nickname VARCHAR(64) NOT NULL,
  bot BOOLEAN NOT NULL,
  points INTEGER NOT NULL,
  -- win, loss or draw from this seat's side.
  outcome VARCHAR(8) NOT NULL,
  rating_before INTEGER,
  rating_after INTEGER,
  PRIMARY KEY (match_id, seat),
  CONSTRAINT match_seat_match FOREIGN KEY (match_id) REFERENCES match_record (id)
);
CREATE INDEX match_seat_player ON match_seat (player_id);

CREATE TABLE match_move (
  match_id VARCHAR(64) NOT NULL,
  ply INTEGER NOT NULL,
  seat INTEGER NOT NULL,
  -- The action in the game's own notation (Gomoku H8, Xiangqi ICCS h2e2, Dou Dizhu "play 33344").
  action VARCHAR(200) NOT NULL,
  -- Milliseconds since the match started.
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (match_id, ply),
  CONSTRAINT match_move_match FOREIGN KEY (match_id) REFERENCES match_record (id)
);

CREATE TABLE rating (
  player_id VARCHAR(64) NOT NULL,
  game VARCHAR(32) NOT NULL,
  rating INTEGER NOT NULL,
  games INTEGER NOT NULL,
  wins INTEGER NOT NULL,
  losses INTEGER NOT NULL,
  draws INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (player_id, game),
  CONSTRAINT rating_player FOREIGN KEY (player_id) REFERENCES player (id)
);
CREATE INDEX rating_board ON rating (game, rating);
