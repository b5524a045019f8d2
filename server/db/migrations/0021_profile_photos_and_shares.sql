-- Profile photos: the person names the photo by the hash of its processed image; every size and format of it is
-- a row holding the encoded bytes, so backups and both kinds of database carry the photos with everything else.
ALTER TABLE "people" ADD COLUMN "photo_hash" text;
--> statement-breakpoint
CREATE TABLE "person_photos" (
	"hash" text NOT NULL,
	"size" integer NOT NULL,
	"format" text NOT NULL,
	"person_id" uuid NOT NULL,
	"bytes" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_photos_hash_size_format_pk" PRIMARY KEY("hash","size","format")
);
--> statement-breakpoint
ALTER TABLE "person_photos" ADD CONSTRAINT "person_photos_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_photos_person_idx" ON "person_photos" USING btree ("person_id");
--> statement-breakpoint
-- What one person chose to share with one contact (one direction of a pair), and the choice they last made,
-- offered again at their next connection.
CREATE TABLE "contact_shares" (
	"owner_person_id" uuid NOT NULL,
	"contact_person_id" uuid NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	"phone" boolean DEFAULT false NOT NULL,
	"website" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_shares_owner_person_id_contact_person_id_pk" PRIMARY KEY("owner_person_id","contact_person_id")
);
--> statement-breakpoint
ALTER TABLE "contact_shares" ADD CONSTRAINT "contact_shares_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_shares" ADD CONSTRAINT "contact_shares_contact_person_id_people_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_shares_contact_idx" ON "contact_shares" USING btree ("contact_person_id");
--> statement-breakpoint
CREATE TABLE "share_defaults" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	"phone" boolean DEFAULT false NOT NULL,
	"website" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "share_defaults" ADD CONSTRAINT "share_defaults_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;
