-- Subscriber cursors and leases belong to the dispatcher, which runs as the owner role; the
-- application role has no business there.
REVOKE ALL ON event_subscriptions FROM tandem_app;
