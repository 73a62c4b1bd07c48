-- The deploy workflow writes events through activities, which run at least once: a worker that dies
-- after a write but before Temporal recorded it runs the write again. Each such event carries a key
-- chosen by the workflow, the same on every attempt, and is stored once per deployment. Events
-- written elsewhere (API requests, status moves, the runtime monitor) have none.
ALTER TABLE deployment_events
    ADD COLUMN event_key text CHECK (length(event_key) BETWEEN 1 AND 100);
CREATE UNIQUE INDEX deployment_events_once ON deployment_events (deployment_id, event_key)
    WHERE event_key IS NOT NULL;
