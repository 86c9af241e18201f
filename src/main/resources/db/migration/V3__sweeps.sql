-- Hyperparameter sweeps (issue 16): the sweep's record as JSON (its spec, planned trials and their job ids, how it
-- ended). Its trials are ordinary rows of digits_job, each naming its sweep in its record.
CREATE TABLE digits_sweep (
    id          text PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    state       text NOT NULL,
    record      jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digits_sweep_state ON digits_sweep (state);
