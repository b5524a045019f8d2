-- The attendee list of an event: speakers are marked on their attendance like staff and partners, and the
-- attendance remembers when its person was last invited (null: never), so the list can say not invited /
-- invited / joined without reading the mail outbox.
ALTER TABLE "attendances" ADD COLUMN "is_speaker" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "attendances" ADD COLUMN "invited_at" timestamp with time zone;
