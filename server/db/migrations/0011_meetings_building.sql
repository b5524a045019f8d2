CREATE TYPE "public"."action_item_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."building_programme_status" AS ENUM('planned', 'in_progress', 'launched', 'paused');--> statement-breakpoint
CREATE TABLE "meeting_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title_en" text NOT NULL,
	"title_es" text
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"body_en" text,
	"body_es" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text_en" text NOT NULL,
	"text_es" text
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"working_group_id" uuid NOT NULL,
	"session_id" uuid,
	"text_en" text NOT NULL,
	"text_es" text,
	"owner_person_id" uuid,
	"due_on" date,
	"status" "action_item_status" DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "building_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"country_code" char(2) NOT NULL,
	"working_name" text NOT NULL,
	"organization_id" uuid,
	"status" "building_programme_status" DEFAULT 'planned' NOT NULL,
	"summary_en" text,
	"summary_es" text,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "building_promoters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid,
	"role_en" text,
	"role_es" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "building_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title_en" text NOT NULL,
	"title_es" text,
	"planned_on" date,
	"done_on" date,
	"session_id" uuid,
	"article_slug" text,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "building_programme_sessions" (
	"programme_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	CONSTRAINT "building_programme_sessions_programme_id_session_id_pk" PRIMARY KEY("programme_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "building_programme_articles" (
	"programme_id" uuid NOT NULL,
	"article_slug" text NOT NULL,
	CONSTRAINT "building_programme_articles_programme_id_article_slug_pk" PRIMARY KEY("programme_id","article_slug")
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_programmes" ADD CONSTRAINT "building_programmes_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_programmes" ADD CONSTRAINT "building_programmes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_promoters" ADD CONSTRAINT "building_promoters_programme_id_building_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."building_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_promoters" ADD CONSTRAINT "building_promoters_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_promoters" ADD CONSTRAINT "building_promoters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_milestones" ADD CONSTRAINT "building_milestones_programme_id_building_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."building_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_milestones" ADD CONSTRAINT "building_milestones_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_programme_sessions" ADD CONSTRAINT "building_programme_sessions_programme_id_building_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."building_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_programme_sessions" ADD CONSTRAINT "building_programme_sessions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_programme_articles" ADD CONSTRAINT "building_programme_articles_programme_id_building_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."building_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_session_idx" ON "meeting_agenda_items" USING btree ("session_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_minutes_session_internal_key" ON "meeting_minutes" USING btree ("session_id","internal");--> statement-breakpoint
CREATE INDEX "meeting_decisions_session_idx" ON "meeting_decisions" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "action_items_group_status_idx" ON "action_items" USING btree ("working_group_id","status","due_on");--> statement-breakpoint
CREATE INDEX "action_items_session_idx" ON "action_items" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "building_programmes_slug_key" ON "building_programmes" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "building_promoters_programme_person_key" ON "building_promoters" USING btree ("programme_id","person_id");--> statement-breakpoint
CREATE INDEX "building_milestones_programme_idx" ON "building_milestones" USING btree ("programme_id","position");
