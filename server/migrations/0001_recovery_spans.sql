CREATE TABLE "recovery_span" (
	"account_id" text NOT NULL,
	"location_key" text NOT NULL,
	"level" smallint NOT NULL,
	"start_day" date NOT NULL,
	"timezone" text NOT NULL,
	"missed" integer DEFAULT 0 NOT NULL,
	"attempted" integer DEFAULT 0 NOT NULL,
	"attempted_within_sla" integer DEFAULT 0 NOT NULL,
	"attempted_and_contacted" integer DEFAULT 0 NOT NULL,
	"contacted" integer DEFAULT 0 NOT NULL,
	"contacted_and_booked" integer DEFAULT 0 NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"booked_and_won" integer DEFAULT 0 NOT NULL,
	"won" integer DEFAULT 0 NOT NULL,
	"revenue" double precision DEFAULT 0 NOT NULL,
	"callbacks" text,
	CONSTRAINT "recovery_span_account_id_level_start_day_location_key_pk" PRIMARY KEY("account_id","level","start_day","location_key")
);
--> statement-breakpoint
ALTER TABLE "recovery_daily" ADD COLUMN "cases" text;--> statement-breakpoint
ALTER TABLE "recovery_rollup_state" ADD COLUMN "format" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "recovery_span_zone" ON "recovery_span" USING btree ("account_id","timezone","level","start_day");