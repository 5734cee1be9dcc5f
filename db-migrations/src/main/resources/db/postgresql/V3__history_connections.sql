-- A row may stand for several refused connections of one deployment, partner address and reason
-- (summed over an interval, so a flood costs a row a minute, not a row a connection).
ALTER TABLE connection_history ADD COLUMN connections BIGINT NOT NULL DEFAULT 1;
