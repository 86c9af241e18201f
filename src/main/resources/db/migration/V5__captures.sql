-- Captured predictions and their corrections (issue 18): the 28x28 input the network got, as 784 gray bytes like
-- MNIST's files, the answer, and the digit a person gave it (label, null until then). V4 is taken by another change.
CREATE TABLE digits_capture (
    id           text PRIMARY KEY,
    captured_at  timestamptz NOT NULL,
    model_id     text NOT NULL,
    dataset      text NOT NULL,
    digit        smallint NOT NULL CHECK (digit BETWEEN 0 AND 9),
    confidence   real NOT NULL,
    flags        jsonb NOT NULL,
    label        smallint CHECK (label BETWEEN 0 AND 9),
    labelled_at  timestamptz,
    pixels       bytea NOT NULL CHECK (octet_length(pixels) = 784)
);
-- Newest first for lists, oldest first for retention: both walk this index.
CREATE INDEX digits_capture_captured_at ON digits_capture (captured_at, id);
-- What training reads: a dataset's labelled captures, oldest first.
CREATE INDEX digits_capture_labelled ON digits_capture (dataset, captured_at, id) WHERE label IS NOT NULL;
