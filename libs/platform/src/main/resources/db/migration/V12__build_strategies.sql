-- Builds without a Dockerfile (libs/domain BuildStrategy, BuildCommand). Services that exist keep
-- building their Dockerfile ('dockerfile' stays in their rows); a new service defaults to 'auto':
-- its Dockerfile when there is one, else the detected app. The user's install, build and start
-- commands are optional (NULL: the detected one); each is one trimmed line of at most 1000
-- characters, as the libs/domain rule says.
ALTER TABLE services DROP CONSTRAINT services_build_strategy_check;
ALTER TABLE services ADD CONSTRAINT services_build_strategy_check
    CHECK (build_strategy IN ('auto', 'dockerfile', 'node', 'python', 'go', 'static', 'java'));
ALTER TABLE services ALTER COLUMN build_strategy SET DEFAULT 'auto';

ALTER TABLE services ADD COLUMN install_command text;
ALTER TABLE services ADD COLUMN build_command text;
ALTER TABLE services ADD COLUMN start_command text;
ALTER TABLE services ADD CONSTRAINT services_install_command_one_line
    CHECK (install_command IS NULL OR (length(install_command) BETWEEN 1 AND 1000
           AND install_command !~ '[[:cntrl:]]' AND install_command = btrim(install_command)));
ALTER TABLE services ADD CONSTRAINT services_build_command_one_line
    CHECK (build_command IS NULL OR (length(build_command) BETWEEN 1 AND 1000
           AND build_command !~ '[[:cntrl:]]' AND build_command = btrim(build_command)));
ALTER TABLE services ADD CONSTRAINT services_start_command_one_line
    CHECK (start_command IS NULL OR (length(start_command) BETWEEN 1 AND 1000
           AND start_command !~ '[[:cntrl:]]' AND start_command = btrim(start_command)));
