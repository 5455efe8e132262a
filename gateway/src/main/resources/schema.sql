-- Axon's identity-keyed tables, created before Hibernate sees them: SQLite reuses row ids
-- unless the key is AUTOINCREMENT, and a reused association id confuses the saga store.
CREATE TABLE IF NOT EXISTS domain_event_entry (
    global_index         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BLOB,
    payload              BLOB NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT NOT NULL,
    type                 VARCHAR(255),
    UNIQUE (aggregate_identifier, sequence_number)
);
CREATE TABLE IF NOT EXISTS association_value_entry (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    association_key   VARCHAR(255) NOT NULL,
    association_value VARCHAR(255),
    saga_id           VARCHAR(255) NOT NULL,
    saga_type         VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS ix_association_lookup
    ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX IF NOT EXISTS ix_association_saga ON association_value_entry (saga_id, saga_type);

-- db-scheduler's table: Axon's deadlines (job timeouts, retries) survive a restart.
CREATE TABLE IF NOT EXISTS scheduled_tasks (
    task_name            TEXT NOT NULL,
    task_instance        TEXT NOT NULL,
    task_data            BLOB,
    execution_time       TIMESTAMP NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP,
    last_failure         TIMESTAMP,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS ix_scheduled_tasks_execution ON scheduled_tasks (execution_time);
