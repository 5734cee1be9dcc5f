-- Every server on a shared database LISTENs on usp_change: a change to what the servers apply
-- (deployments, IP filters, partner credentials, client revocations) is announced when its
-- transaction commits, with the table's name, so each server re-reads at once rather than at
-- its next periodic re-read (every second, the safety net for a missed notification).
CREATE FUNCTION usp_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('usp_change', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER deployment_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deployment
    FOR EACH STATEMENT EXECUTE FUNCTION usp_notify_change();
CREATE TRIGGER ip_filter_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ip_filter
    FOR EACH STATEMENT EXECUTE FUNCTION usp_notify_change();
CREATE TRIGGER partner_credential_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partner_credential
    FOR EACH STATEMENT EXECUTE FUNCTION usp_notify_change();
CREATE TRIGGER client_revocation_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON client_revocation
    FOR EACH STATEMENT EXECUTE FUNCTION usp_notify_change();
