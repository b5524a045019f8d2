CREATE TYPE "public"."badge_code_mode" AS ENUM('static', 'rotating');--> statement-breakpoint
CREATE TYPE "public"."bingo_win_rule" AS ENUM('line', 'full_card');--> statement-breakpoint
CREATE TYPE "public"."delegation_status" AS ENUM('planned', 'confirmed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."connection_method" AS ENUM('badge_qr', 'rotating_code', 'short_code');--> statement-breakpoint
CREATE TYPE "public"."scan_outcome" AS ENUM('connected', 'repeat', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."rsvp_status" AS ENUM('confirmed', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TABLE "bingo_cards" (
	"game_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"layout" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "bingo_cards_game_id_person_id_pk" PRIMARY KEY("game_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "bingo_cells" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"game_id" uuid NOT NULL,
	"country_code" char(2),
	"topic" text,
	"label_en" text,
	"label_es" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bingo_draw_skips" (
	"game_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"skipped_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bingo_draw_skips_game_id_person_id_pk" PRIMARY KEY("game_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "bingo_draws" (
	"game_id" uuid PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"eligible" jsonb NOT NULL,
	"seed_hash" text NOT NULL,
	"seed" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"revealed_at" timestamp with time zone,
	"winners" jsonb
);
--> statement-breakpoint
CREATE TABLE "bingo_games" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title_en" text NOT NULL,
	"title_es" text,
	"grid_size" integer DEFAULT 3 NOT NULL,
	"win_rule" "bingo_win_rule" DEFAULT 'line' NOT NULL,
	"code_mode" "badge_code_mode" DEFAULT 'static' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bingo_prizes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"game_id" uuid NOT NULL,
	"partner_organization_id" uuid,
	"description_en" text NOT NULL,
	"description_es" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bingo_stamps" (
	"game_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"cell_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"stamped_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bingo_stamps_game_id_person_id_cell_id_pk" PRIMARY KEY("game_id","person_id","cell_id")
);
--> statement-breakpoint
CREATE TABLE "attendances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"delegation_id" uuid,
	"badge_code" text NOT NULL,
	"rotating_secret" text NOT NULL,
	"country_code" char(2),
	"is_staff" boolean DEFAULT false NOT NULL,
	"is_partner" boolean DEFAULT false NOT NULL,
	"show_on_big_screen" boolean DEFAULT false NOT NULL,
	"checked_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegation_funding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delegation_id" uuid NOT NULL,
	"funder_organization_id" uuid NOT NULL,
	"covers_en" text,
	"covers_es" text,
	"amount_cents" integer,
	"currency" char(3),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegation_members" (
	"delegation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"arrives_on" date,
	"departs_on" date,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delegation_members_delegation_id_person_id_pk" PRIMARY KEY("delegation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"leader_person_id" uuid,
	"status" "delegation_status" DEFAULT 'planned' NOT NULL,
	"arrives_on" date,
	"departs_on" date,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_low" uuid NOT NULL,
	"person_high" uuid NOT NULL,
	"scanner_person_id" uuid NOT NULL,
	"method" "connection_method" NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connections_pair_ordered" CHECK ("connections"."person_low" < "connections"."person_high")
);
--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"owner_person_id" uuid NOT NULL,
	"contact_person_id" uuid NOT NULL,
	"note" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_notes_owner_person_id_contact_person_id_pk" PRIMARY KEY("owner_person_id","contact_person_id")
);
--> statement-breakpoint
CREATE TABLE "scan_receipts" (
	"scanner_person_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"event_id" uuid NOT NULL,
	"code" text NOT NULL,
	"outcome" "scan_outcome" NOT NULL,
	"reason" text,
	"connection_id" uuid,
	"scanned_person_id" uuid,
	"scanned_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scan_receipts_scanner_person_id_nonce_pk" PRIMARY KEY("scanner_person_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "used_rotating_codes" (
	"event_id" uuid NOT NULL,
	"code" text NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "used_rotating_codes_event_id_code_pk" PRIMARY KEY("event_id","code")
);
--> statement-breakpoint
CREATE TABLE "calendar_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rsvps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "rsvp_status" NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_assignments" (
	"session_id" uuid NOT NULL,
	"delegation_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_assignments_session_id_delegation_id_pk" PRIMARY KEY("session_id","delegation_id")
);
--> statement-breakpoint
ALTER TABLE "bingo_cards" ADD CONSTRAINT "bingo_cards_game_id_bingo_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_cards" ADD CONSTRAINT "bingo_cards_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_cells" ADD CONSTRAINT "bingo_cells_game_id_bingo_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_cells" ADD CONSTRAINT "bingo_cells_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_draw_skips" ADD CONSTRAINT "bingo_draw_skips_game_id_bingo_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_draws" ADD CONSTRAINT "bingo_draws_game_id_bingo_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_games" ADD CONSTRAINT "bingo_games_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_prizes" ADD CONSTRAINT "bingo_prizes_game_id_bingo_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_prizes" ADD CONSTRAINT "bingo_prizes_partner_organization_id_organizations_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_stamps" ADD CONSTRAINT "bingo_stamps_game_id_bingo_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_stamps" ADD CONSTRAINT "bingo_stamps_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_stamps" ADD CONSTRAINT "bingo_stamps_cell_id_bingo_cells_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."bingo_cells"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_stamps" ADD CONSTRAINT "bingo_stamps_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_funding" ADD CONSTRAINT "delegation_funding_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_funding" ADD CONSTRAINT "delegation_funding_funder_organization_id_organizations_id_fk" FOREIGN KEY ("funder_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_members" ADD CONSTRAINT "delegation_members_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_members" ADD CONSTRAINT "delegation_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_person_low_people_id_fk" FOREIGN KEY ("person_low") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_person_high_people_id_fk" FOREIGN KEY ("person_high") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_scanner_person_id_people_id_fk" FOREIGN KEY ("scanner_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_contact_person_id_people_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_receipts" ADD CONSTRAINT "scan_receipts_scanner_person_id_people_id_fk" FOREIGN KEY ("scanner_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_receipts" ADD CONSTRAINT "scan_receipts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_receipts" ADD CONSTRAINT "scan_receipts_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_receipts" ADD CONSTRAINT "scan_receipts_scanned_person_id_people_id_fk" FOREIGN KEY ("scanned_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD CONSTRAINT "used_rotating_codes_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_tokens" ADD CONSTRAINT "calendar_tokens_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_assignments" ADD CONSTRAINT "session_assignments_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_assignments" ADD CONSTRAINT "session_assignments_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bingo_cells_game_idx" ON "bingo_cells" USING btree ("game_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bingo_games_event_key" ON "bingo_games" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "bingo_prizes_game_idx" ON "bingo_prizes" USING btree ("game_id");--> statement-breakpoint
CREATE INDEX "bingo_stamps_game_stamped_idx" ON "bingo_stamps" USING btree ("game_id","stamped_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attendances_event_person_key" ON "attendances" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendances_event_badge_key" ON "attendances" USING btree ("event_id","badge_code");--> statement-breakpoint
CREATE INDEX "attendances_person_idx" ON "attendances" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "delegation_funding_delegation_idx" ON "delegation_funding" USING btree ("delegation_id");--> statement-breakpoint
CREATE INDEX "delegation_members_person_idx" ON "delegation_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delegations_event_organization_key" ON "delegations" USING btree ("event_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_event_pair_key" ON "connections" USING btree ("event_id","person_low","person_high");--> statement-breakpoint
CREATE INDEX "connections_event_high_idx" ON "connections" USING btree ("event_id","person_high");--> statement-breakpoint
CREATE INDEX "scan_receipts_event_received_idx" ON "scan_receipts" USING btree ("event_id","received_at");--> statement-breakpoint
CREATE INDEX "calendar_tokens_person_idx" ON "calendar_tokens" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "notifications_person_created_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rsvps_session_person_key" ON "rsvps" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "rsvps_session_status_queued_idx" ON "rsvps" USING btree ("session_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "rsvps_person_idx" ON "rsvps" USING btree ("person_id");