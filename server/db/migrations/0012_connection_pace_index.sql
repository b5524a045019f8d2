-- The pace rule (one new connection every few seconds per scanner) looks up a scanner's connections around a moment.
CREATE INDEX "connections_event_scanner_scanned_idx" ON "connections" USING btree ("event_id","scanner_person_id","scanned_at");
