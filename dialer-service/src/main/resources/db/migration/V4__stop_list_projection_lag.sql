-- When the dialer learnt of each opt-out: next to opted_out_at (when it was made) it shows how far the projection
-- lags. Meanwhile the hand-out's synchronous consent check guards the number; for an opt-out reported in a call
-- event here, the row written with the call event does.
ALTER TABLE stop_list_projection ADD COLUMN projected_at timestamptz NOT NULL DEFAULT now();
