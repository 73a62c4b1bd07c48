-- An active custom domain whose records a scheduled check no longer finds is flagged (when that was
-- first seen, and when it will be detached if they stay away), then detached after a grace period
-- (libs/platform CustomDomains.flagRecordsMissing / detach). Both set, or neither.
ALTER TABLE custom_domains ADD COLUMN records_missing_since timestamptz;
ALTER TABLE custom_domains ADD COLUMN detach_after timestamptz;
ALTER TABLE custom_domains ADD CONSTRAINT custom_domains_records_missing_flag
    CHECK ((records_missing_since IS NULL) = (detach_after IS NULL)
           AND (detach_after IS NULL OR detach_after >= records_missing_since));
