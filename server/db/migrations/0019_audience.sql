-- The room's voice in sessions: questions and their upvotes, polls and their ballots, feedback, and the
-- settings staff keep per event (questions need approval) and per session (feedback open, shared with speakers).
-- Every vote is one row under a unique key per voter, so a vote counts once however often a phone sends it.
CREATE TABLE "audience_event_settings" (
	"event_id" uuid PRIMARY KEY NOT NULL REFERENCES "events"("id") ON DELETE cascade,
	"questions_need_approval" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audience_session_settings" (
	"session_id" uuid PRIMARY KEY NOT NULL REFERENCES "sessions"("id") ON DELETE cascade,
	"feedback_open" boolean DEFAULT true NOT NULL,
	"feedback_shared" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL REFERENCES "sessions"("id") ON DELETE cascade,
	"author_person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE cascade,
	"text" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL CHECK ("status" in ('pending', 'approved', 'hidden')),
	"pinned" boolean DEFAULT false NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"moderated_by" uuid REFERENCES "users"("id") ON DELETE set null,
	"moderated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "questions_session_idx" ON "questions" USING btree ("session_id","status");
--> statement-breakpoint
CREATE INDEX "questions_author_idx" ON "questions" USING btree ("author_person_id");
--> statement-breakpoint
CREATE TABLE "question_votes" (
	"question_id" uuid NOT NULL REFERENCES "questions"("id") ON DELETE cascade,
	"person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE cascade,
	"voted_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("question_id", "person_id")
);
--> statement-breakpoint
CREATE INDEX "question_votes_person_idx" ON "question_votes" USING btree ("person_id");
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL REFERENCES "sessions"("id") ON DELETE cascade,
	"kind" text NOT NULL CHECK ("kind" in ('single', 'multiple')),
	"status" text DEFAULT 'open' NOT NULL CHECK ("status" in ('open', 'closed')),
	"results_shown" boolean DEFAULT false NOT NULL,
	"question_en" text NOT NULL,
	"question_es" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid REFERENCES "users"("id") ON DELETE set null,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "polls_session_idx" ON "polls" USING btree ("session_id");
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL REFERENCES "polls"("id") ON DELETE cascade,
	"position" integer NOT NULL,
	"label_en" text NOT NULL,
	"label_es" text
);
--> statement-breakpoint
CREATE INDEX "poll_options_poll_idx" ON "poll_options" USING btree ("poll_id","position");
--> statement-breakpoint
-- One ballot per person per poll (the primary key); changing one's choice rewrites it.
CREATE TABLE "poll_ballots" (
	"poll_id" uuid NOT NULL REFERENCES "polls"("id") ON DELETE cascade,
	"person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE cascade,
	"option_ids" uuid[] NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("poll_id", "person_id")
);
--> statement-breakpoint
CREATE INDEX "poll_ballots_person_idx" ON "poll_ballots" USING btree ("person_id");
--> statement-breakpoint
CREATE TABLE "session_feedback" (
	"session_id" uuid NOT NULL REFERENCES "sessions"("id") ON DELETE cascade,
	"person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE cascade,
	"rating" smallint NOT NULL CHECK ("rating" between 1 and 5),
	"comment" text,
	"given_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("session_id", "person_id")
);
--> statement-breakpoint
CREATE INDEX "session_feedback_person_idx" ON "session_feedback" USING btree ("person_id");
