-- FTP session breaks: mode 'ftp' keeps one fixed target like 'tcp', plus its ftp settings
-- (passive ports, TLS toward partners, read-only, denied commands) as JSON shaped as in YAML.
ALTER TABLE deployment DROP CONSTRAINT route_whole;
ALTER TABLE deployment ADD COLUMN route_mode VARCHAR(7) DEFAULT 'tcp' NOT NULL;
UPDATE deployment SET route_mode = mode;
ALTER TABLE deployment DROP COLUMN mode;
ALTER TABLE deployment RENAME COLUMN route_mode TO mode;
ALTER TABLE deployment ADD CONSTRAINT deployment_mode CHECK (mode IN ('tcp', 'connect', 'socks5', 'ftp'));
ALTER TABLE deployment ADD COLUMN ftp TEXT;
ALTER TABLE deployment ADD CONSTRAINT route_whole CHECK (
    (mode IN ('tcp', 'ftp') AND target_host IS NOT NULL AND target_port IS NOT NULL AND rules IS NULL
        AND dns_overrides IS NULL AND ((mode = 'ftp') = (ftp IS NOT NULL)))
    OR (mode IN ('connect', 'socks5') AND target_host IS NULL AND target_port IS NULL AND rules IS NOT NULL
        AND ftp IS NULL));
