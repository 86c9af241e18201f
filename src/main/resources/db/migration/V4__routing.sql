-- How predictions are shared between the active model (the primary), a canary and a shadow (routing.json in the
-- embedded mode): at most one row, replaced whole, read by every replica when told it changed.
CREATE TABLE digits_routing (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    routing     jsonb NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
