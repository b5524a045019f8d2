-- Players choose per game whether the big screen may name them (default no). Cards of games already played keep
-- what their attendance said, the only consent there was before.
ALTER TABLE "bingo_cards" ADD COLUMN "show_name" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "bingo_cards" k SET "show_name" = true FROM "bingo_games" g, "attendances" a
  WHERE g."id" = k."game_id" AND a."event_id" = g."event_id" AND a."person_id" = k."person_id" AND a."show_on_big_screen";--> statement-breakpoint
-- Each winner of a draw is told once (in the app and by mail), at the reveal or when a skip hands them a prize.
CREATE TABLE "bingo_winner_notices" (
	"game_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"prize_id" uuid NOT NULL,
	"told_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bingo_winner_notices_pk" PRIMARY KEY ("game_id", "person_id")
);
--> statement-breakpoint
ALTER TABLE "bingo_winner_notices" ADD CONSTRAINT "bingo_winner_notices_game_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."bingo_games"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bingo_winner_notices" ADD CONSTRAINT "bingo_winner_notices_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Badges printed: staff print those not printed yet, and the sheet marks them.
ALTER TABLE "attendances" ADD COLUMN "badge_printed_at" timestamp with time zone;
