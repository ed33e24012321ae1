-- Account security (io.gamehall.account): revocable tokens and login throttling, kept in the database so every node
-- of a cluster sees the same generations, revocations and failure counters.

-- Moved on by change_password and by logout with "all": every token issued under an older generation is refused.
ALTER TABLE player ADD COLUMN token_generation BIGINT DEFAULT 0 NOT NULL;

-- Device sessions ended by logout. A row is needed only until the last token of that session has expired.
CREATE TABLE revoked_session (
  session_id VARCHAR(32) NOT NULL PRIMARY KEY,
  player_id VARCHAR(64) NOT NULL,
  revoked_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX revoked_session_expiry ON revoked_session (expires_at);

-- Failed logins per account name ('name:<account>') and per client address ('address:<ip>') in the current window.
CREATE TABLE login_failure (
  subject VARCHAR(80) NOT NULL PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_failure_at BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL,
  -- Epoch millis before which the next attempt is answered RATE_LIMITED without checking the password.
  blocked_until BIGINT NOT NULL
);
CREATE INDEX login_failure_last ON login_failure (last_failure_at);
