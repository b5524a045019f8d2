-- A manager's request that someone from elsewhere join their organisation: the affiliation waits for the
-- person's acceptance (or an admin's). At most one request waits per person and organisation.
CREATE TYPE "public"."affiliation_request_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "affiliation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role_en" text,
	"role_es" text,
	"status" "affiliation_request_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "affiliation_requests" ADD CONSTRAINT "affiliation_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliation_requests" ADD CONSTRAINT "affiliation_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "affiliation_requests_pending_key" ON "affiliation_requests" USING btree ("person_id","organization_id") WHERE "affiliation_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "affiliation_requests_person_idx" ON "affiliation_requests" USING btree ("person_id");