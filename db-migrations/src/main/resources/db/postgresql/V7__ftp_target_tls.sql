-- FTP session breaks may speak FTPS toward their target: target.tls (explicit or implicit; NULL
-- is plain FTP) and target.ca, the PEM file of the authorities trusted for the target's certificate.
ALTER TABLE deployment ADD COLUMN target_tls VARCHAR(8);
ALTER TABLE deployment ADD COLUMN target_ca VARCHAR(1024);
ALTER TABLE deployment ADD CONSTRAINT target_tls_ftp CHECK (
    (target_tls IS NULL AND target_ca IS NULL)
    OR (mode = 'ftp' AND target_tls IN ('explicit', 'implicit')));
