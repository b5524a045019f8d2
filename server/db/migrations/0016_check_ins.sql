-- Check-in at the door and at sessions: one row per check-in staff sent (its receipt, found again by nonce);
-- the first for a person at a place counts, later ones are acknowledged. The attendance's checked_in_at (the
-- bingo's default cells come from the countries of those present) is the earliest check-in on the staff phones' clock.
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"session_id" uuid,
	"recorded_by" uuid,
	"nonce" text NOT NULL,
	"code" text NOT NULL,
	"outcome" text NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_recorded_by_nonce_key" ON "check_ins" USING btree ("recorded_by","nonce");--> statement-breakpoint
CREATE INDEX "check_ins_event_session_idx" ON "check_ins" USING btree ("event_id","session_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_door_counted_key" ON "check_ins" USING btree ("event_id","person_id") WHERE "check_ins"."session_id" is null and "check_ins"."outcome" = 'checked_in';--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_session_counted_key" ON "check_ins" USING btree ("session_id","person_id") WHERE "check_ins"."session_id" is not null and "check_ins"."outcome" = 'checked_in';
