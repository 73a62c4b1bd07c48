-- The cluster a project runs on (region, apps domain, CNAME zone, public URL) comes from
-- configuration, mcpdeploy.cluster.* (libs/platform ClusterConfig), with the keys the deployer-worker
-- reads: the execution plane has no database, and its edge serves what its configuration says.
-- The seeded clusters table was read by no code and could only disagree with that, so it goes; a
-- project's region keeps the shape libs/domain Region checks.
ALTER TABLE projects DROP CONSTRAINT projects_region_fkey;
ALTER TABLE projects ADD CONSTRAINT projects_region_shape
    CHECK (region ~ '^[a-z]{2,8}-[a-z]{2,16}-[0-9]{1,3}$');
DROP TABLE clusters;
