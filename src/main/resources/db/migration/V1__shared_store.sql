-- The shared mode's state (digits.database.url): what the embedded default keeps in files under digits.store.dir.
-- Every write that must not be seen half-done is one statement or one transaction; nothing here is a temporary file.

-- A job: its record as JSON (the embedded store's job.json), its loss curve as CSV (loss.csv).
CREATE TABLE digits_job (
    id          text PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    state       text NOT NULL,
    record      jsonb NOT NULL,
    loss_csv    text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digits_job_created_at ON digits_job (created_at);

-- A running job's last checkpoint: where it stands and its network with the updater state (DL4J's zip format).
-- Replaced whole in one statement, so a crash leaves the previous one or the new one, never a mix.
CREATE TABLE digits_job_checkpoint (
    job_id              text PRIMARY KEY REFERENCES digits_job (id) ON DELETE CASCADE,
    epochs_done         integer NOT NULL,
    batches_into_epoch  integer NOT NULL,
    iteration           bigint NOT NULL,
    network             bytea NOT NULL,
    saved_at            timestamptz NOT NULL DEFAULT now()
);

-- A model version: its metadata as JSON (model.json) and its file (model.zip), with the file's size and SHA-256,
-- checked when the model is read.
CREATE TABLE digits_model (
    id          text PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    metadata    jsonb NOT NULL,
    file        bytea NOT NULL,
    file_bytes  bigint NOT NULL,
    sha256      text NOT NULL
);

-- The one active model (active-model.json): at most one row. A model that is active cannot be deleted.
CREATE TABLE digits_active_model (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    model_id    text NOT NULL REFERENCES digits_model (id),
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- Settings every replica must agree on, written once by the first replica that needs them: the generated API token
-- ('api-token') when DIGITS_API_TOKEN is not given, so that every replica asks for the same one.
CREATE TABLE digits_setting (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
