-- A running analysis writes the time every few seconds. A run whose time is
-- stale died with its process (a crash, SIGKILL, a lost machine): any
-- instance takes it over and computes it again, instead of waiting minutes.
ALTER TABLE analysis_runs ADD COLUMN heartbeat_at BIGINT;
