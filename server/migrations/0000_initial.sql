CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"crm_kind" text,
	"crm_settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"corporate_owner_id" text,
	"origin" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text,
	"missed_call_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_call_id" text NOT NULL,
	"kind" text NOT NULL,
	"caller_e164" text,
	"tracking_e164" text,
	"started_at" timestamp with time zone NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	"talk_seconds" integer DEFAULT 0 NOT NULL,
	"missed_call_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"sealed" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credentials_account_id_kind_pk" PRIMARY KEY("account_id","kind")
);
--> statement-breakpoint
CREATE TABLE "crm_links" (
	"account_id" text NOT NULL,
	"missed_call_id" text NOT NULL,
	"role" text NOT NULL,
	"crm_kind" text NOT NULL,
	"key" text NOT NULL,
	"external_id" text,
	"state" text DEFAULT 'intent' NOT NULL,
	"created_by_ringback" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_links_account_id_missed_call_id_role_pk" PRIMARY KEY("account_id","missed_call_id","role")
);
--> statement-breakpoint
CREATE TABLE "crm_people" (
	"account_id" text NOT NULL,
	"caller_e164" text NOT NULL,
	"crm_kind" text NOT NULL,
	"external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_people_account_id_caller_e164_pk" PRIMARY KEY("account_id","caller_e164")
);
--> statement-breakpoint
CREATE TABLE "cursors" (
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cursors_account_id_name_pk" PRIMARY KEY("account_id","name")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"account_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"lease_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"account_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"vertical" text,
	"business_hours" jsonb,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unavailable_owners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"manager_owner_id" text,
	"crm_record_id" text,
	"policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_owner_index" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "missed_calls" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_call_id" text NOT NULL,
	"location_id" text,
	"caller_e164" text,
	"caller_name" text,
	"tracking_e164" text,
	"source" text,
	"campaign" text,
	"category" text NOT NULL,
	"after_hours" boolean NOT NULL,
	"intent" text NOT NULL,
	"urgency" text NOT NULL,
	"spam" boolean DEFAULT false NOT NULL,
	"spam_reason" text,
	"repeat_of" text,
	"repeat_count" integer DEFAULT 0 NOT NULL,
	"last_call_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"missed_at" timestamp with time zone NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"sla_rule" text NOT NULL,
	"lost_at" timestamp with time zone NOT NULL,
	"first_attempt_at" timestamp with time zone,
	"attempted_within_sla" boolean DEFAULT false NOT NULL,
	"contacted_at" timestamp with time zone,
	"booked_at" timestamp with time zone,
	"won_at" timestamp with time zone,
	"revenue" double precision DEFAULT 0 NOT NULL,
	"escalation_tier" integer DEFAULT 1 NOT NULL,
	"priority_score" double precision,
	"ring_seconds" integer,
	"recording_url" text,
	"transcript_url" text,
	"transcript" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"value" double precision,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_id" text,
	"owner_reason" text,
	"crm_kind" text,
	"crm_contact_id" text,
	"crm_contact_created" boolean DEFAULT false NOT NULL,
	"crm_call_id" text,
	"crm_task_id" text,
	"crm_owner_id" text,
	"crm_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"missed_call_id" text,
	"caller_e164" text,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"amount" double precision,
	"answered" boolean,
	"talk_seconds" integer,
	"source" text NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_numbers" (
	"account_id" text NOT NULL,
	"e164" text NOT NULL,
	"location_id" text NOT NULL,
	CONSTRAINT "tracking_numbers_account_id_e164_pk" PRIMARY KEY("account_id","e164")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"provider_call_id" text,
	"occurred_at" timestamp with time zone,
	"idempotency_key" text NOT NULL,
	"body" "bytea" NOT NULL,
	"content_type" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"query" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"missed_call_id" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_priority" (
	"case_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"score" double precision NOT NULL,
	"factors" jsonb NOT NULL,
	"model_at" timestamp with time zone,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_daily" (
	"account_id" text NOT NULL,
	"location_key" text NOT NULL,
	"day" date NOT NULL,
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
	"callback_buckets" jsonb DEFAULT '[0,0,0,0,0]'::jsonb NOT NULL,
	CONSTRAINT "recovery_daily_account_id_day_location_key_pk" PRIMARY KEY("account_id","day","location_key")
);
--> statement-breakpoint
CREATE TABLE "recovery_daily_dim" (
	"account_id" text NOT NULL,
	"location_key" text NOT NULL,
	"day" date NOT NULL,
	"source" text,
	"category" text NOT NULL,
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
	"callbacks" text
);
--> statement-breakpoint
CREATE TABLE "recovery_dirty" (
	"case_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"location_key" text NOT NULL,
	"day" date NOT NULL,
	"mark" text NOT NULL,
	"marked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_model" (
	"account_id" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"model" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_rollup_state" (
	"account_id" text NOT NULL,
	"location_key" text NOT NULL,
	"timezone" text NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recovery_rollup_state_account_id_location_key_pk" PRIMARY KEY("account_id","location_key")
);
--> statement-breakpoint
CREATE TABLE "salesforce_synced_records" (
	"account_id" text NOT NULL,
	"sobject" text NOT NULL,
	"external_id" text NOT NULL,
	"salesforce_id" text NOT NULL,
	"digest" text NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "salesforce_synced_records_account_id_sobject_external_id_pk" PRIMARY KEY("account_id","sobject","external_id")
);
--> statement-breakpoint
CREATE TABLE "salesforce_api_budget" (
	"account_id" text PRIMARY KEY NOT NULL,
	"used" integer,
	"max" integer,
	"observed_at" timestamp with time zone,
	"paused_until" timestamp with time zone,
	"pause_reason" text,
	"pause_ms" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "salesforce_people" (
	"account_id" text NOT NULL,
	"person_id" text NOT NULL,
	"caller_e164" text NOT NULL,
	"object_type" text NOT NULL,
	"owner_id" text,
	"sf_account_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "salesforce_people_account_id_person_id_pk" PRIMARY KEY("account_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_numbers" ADD CONSTRAINT "tracking_numbers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_case" ON "audit_log" USING btree ("missed_call_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_account" ON "audit_log" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_events_provider_call" ON "call_events" USING btree ("account_id","provider","provider_call_id");--> statement-breakpoint
CREATE INDEX "call_events_caller" ON "call_events" USING btree ("account_id","caller_e164","started_at");--> statement-breakpoint
CREATE INDEX "crm_links_external" ON "crm_links" USING btree ("account_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key" ON "jobs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "missed_calls_provider_call" ON "missed_calls" USING btree ("account_id","provider","provider_call_id");--> statement-breakpoint
CREATE INDEX "missed_calls_account_missed_at" ON "missed_calls" USING btree ("account_id","missed_at");--> statement-breakpoint
CREATE INDEX "missed_calls_location_missed_at" ON "missed_calls" USING btree ("account_id","location_id","missed_at");--> statement-breakpoint
CREATE INDEX "missed_calls_caller" ON "missed_calls" USING btree ("account_id","caller_e164","missed_at");--> statement-breakpoint
CREATE INDEX "missed_calls_account_updated" ON "missed_calls" USING btree ("account_id","updated_at");--> statement-breakpoint
CREATE INDEX "missed_calls_crm_task" ON "missed_calls" USING btree ("account_id","crm_task_id");--> statement-breakpoint
CREATE INDEX "missed_calls_crm_contact" ON "missed_calls" USING btree ("account_id","crm_contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcomes_external" ON "outcomes" USING btree ("account_id","source","external_id");--> statement-breakpoint
CREATE INDEX "outcomes_caller" ON "outcomes" USING btree ("account_id","caller_e164","at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_replay" ON "webhook_events" USING btree ("account_id","provider","idempotency_key");--> statement-breakpoint
CREATE INDEX "webhook_events_account_received" ON "webhook_events" USING btree ("account_id","received_at");--> statement-breakpoint
CREATE INDEX "webhook_events_call" ON "webhook_events" USING btree ("account_id","provider","provider_call_id");--> statement-breakpoint
CREATE INDEX "case_priority_account" ON "case_priority" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "recovery_daily_dim_day" ON "recovery_daily_dim" USING btree ("account_id","day");--> statement-breakpoint
CREATE INDEX "recovery_daily_dim_location" ON "recovery_daily_dim" USING btree ("account_id","location_key","day");