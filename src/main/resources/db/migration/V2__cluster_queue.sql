-- Replicas share the jobs (issue 14): the queue, cancellation from any replica, and the events of every job.

-- db-scheduler's table (the PostgreSQL DDL of db-scheduler 16.7.1, src/test/resources/postgresql_tables.sql): one row
-- per queued or running job (task 'train-job', instance = the job's id), picked by one replica with SELECT ... FOR
-- UPDATE SKIP LOCKED and kept alive by its heartbeats; a replica that stops heartbeating loses its jobs to the others.
CREATE TABLE scheduled_tasks (
    task_name            text NOT NULL,
    task_instance        text NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Asked on any replica, seen by the one training the job (notified, and read again every few seconds).
ALTER TABLE digits_job ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
CREATE INDEX digits_job_state ON digits_job (state);

-- Every event of a job, in order: ids increase per job and are never reused, across replicas and restarts, so a
-- stream resumes with Last-Event-ID wherever it reconnects.
CREATE TABLE digits_job_event (
    job_id      text NOT NULL REFERENCES digits_job (id) ON DELETE CASCADE,
    id          bigint NOT NULL,
    type        text NOT NULL,
    data        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, id)
);
