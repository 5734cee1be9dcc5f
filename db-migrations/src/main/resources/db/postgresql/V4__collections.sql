-- Collections: a deployment's mode says how its destination is chosen. 'tcp' keeps one fixed
-- target (every deployment stored before this migration); 'connect' and 'socks5' keep ordered
-- rules and DNS overrides instead, both JSON shaped as in the YAML file.
ALTER TABLE deployment ADD COLUMN mode VARCHAR(7) NOT NULL DEFAULT 'tcp' CHECK (mode IN ('tcp', 'connect', 'socks5'));
ALTER TABLE deployment ADD COLUMN rules TEXT;
ALTER TABLE deployment ADD COLUMN dns_overrides TEXT;
ALTER TABLE deployment ALTER COLUMN target_host DROP NOT NULL;
ALTER TABLE deployment ALTER COLUMN target_port DROP NOT NULL;
ALTER TABLE deployment ADD CONSTRAINT route_whole CHECK (
    (mode = 'tcp' AND target_host IS NOT NULL AND target_port IS NOT NULL AND rules IS NULL AND dns_overrides IS NULL)
    OR (mode <> 'tcp' AND target_host IS NULL AND target_port IS NULL AND rules IS NOT NULL));

-- The number (from 1) of the collection rule that decided a connection; null for a tcp deployment.
ALTER TABLE connection_history ADD COLUMN rule INT;
