CREATE TABLE "evt_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evt_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"topic" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "evt_outbox_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "evt_outbox_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "asm_attempt" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asm_attempt_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"block_entity_id" bigint NOT NULL,
	"version_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"layout" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"draft_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"saved_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"answers" jsonb,
	"answers_sha256" text,
	"idempotency_key" text,
	"results" jsonb,
	"score" double precision,
	"max_score" double precision,
	CONSTRAINT "asm_attempt_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "asm_attempt_status_valid" CHECK ("asm_attempt"."status" in ('in_progress', 'submitted')),
	CONSTRAINT "asm_attempt_submitted_complete" CHECK ("asm_attempt"."status" = 'in_progress' or ("asm_attempt"."submitted_at" is not null and "asm_attempt"."answers" is not null and "asm_attempt"."score" is not null))
);
--> statement-breakpoint
CREATE TABLE "asm_course_grade" (
	"enrollment_id" bigint PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"computed" double precision NOT NULL,
	"override" double precision,
	"override_reason" text,
	"overridden_by" uuid,
	"overridden_at" timestamp with time zone,
	"breakdown" jsonb NOT NULL,
	"passed" boolean NOT NULL,
	"passed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "asm_course_grade_range" CHECK ("asm_course_grade"."computed" between 0 and 1 and ("asm_course_grade"."override" is null or "asm_course_grade"."override" between 0 and 1))
);
--> statement-breakpoint
CREATE TABLE "asm_quiz_score" (
	"enrollment_id" bigint NOT NULL,
	"block_entity_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"score" double precision NOT NULL,
	"max_score" double precision NOT NULL,
	"attempts_used" integer NOT NULL,
	"best_attempt_id" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "asm_quiz_score_enrollment_id_block_entity_id_pk" PRIMARY KEY("enrollment_id","block_entity_id")
);
--> statement-breakpoint
CREATE TABLE "cwr_completion" (
	"enrollment_id" bigint NOT NULL,
	"block_entity_id" bigint NOT NULL,
	"version_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cwr_completion_enrollment_id_block_entity_id_pk" PRIMARY KEY("enrollment_id","block_entity_id"),
	CONSTRAINT "cwr_completion_kind_valid" CHECK ("cwr_completion"."kind" in ('viewed', 'watched', 'marked', 'submitted'))
);
--> statement-breakpoint
CREATE TABLE "cwr_position" (
	"enrollment_id" bigint PRIMARY KEY NOT NULL,
	"unit_entity_id" bigint NOT NULL,
	"visited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cwr_video_progress" (
	"enrollment_id" bigint NOT NULL,
	"block_entity_id" bigint NOT NULL,
	"ranges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duration_seconds" real NOT NULL,
	"position_seconds" real DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cwr_video_progress_enrollment_id_block_entity_id_pk" PRIMARY KEY("enrollment_id","block_entity_id")
);
--> statement-breakpoint
CREATE TABLE "enr_enrollment" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enr_enrollment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" bigint NOT NULL,
	"course_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"mode" text DEFAULT 'audit' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"source" text DEFAULT 'self' NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"unenrolled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enr_enrollment_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "enr_enrollment_run_user_unique" UNIQUE("run_id","user_id"),
	CONSTRAINT "enr_enrollment_mode_valid" CHECK ("enr_enrollment"."mode" in ('audit', 'verified')),
	CONSTRAINT "enr_enrollment_status_valid" CHECK ("enr_enrollment"."status" in ('active', 'unenrolled')),
	CONSTRAINT "enr_enrollment_source_valid" CHECK ("enr_enrollment"."source" in ('self', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "enr_run_seats" (
	"run_id" bigint PRIMARY KEY NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "enr_run_seats_non_negative" CHECK ("enr_run_seats"."active" >= 0)
);
--> statement-breakpoint
CREATE TABLE "lrs_statement" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lrs_statement_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"run_id" bigint,
	"registration" uuid,
	"verb" text NOT NULL,
	"object_id" text NOT NULL,
	"statement" jsonb NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"stored" timestamp with time zone NOT NULL,
	CONSTRAINT "lrs_statement_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "asm_attempt" ADD CONSTRAINT "asm_attempt_enrollment_id_enr_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enr_enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asm_attempt" ADD CONSTRAINT "asm_attempt_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asm_course_grade" ADD CONSTRAINT "asm_course_grade_enrollment_id_enr_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enr_enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asm_course_grade" ADD CONSTRAINT "asm_course_grade_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asm_course_grade" ADD CONSTRAINT "asm_course_grade_overridden_by_idn_user_id_fk" FOREIGN KEY ("overridden_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asm_quiz_score" ADD CONSTRAINT "asm_quiz_score_enrollment_id_enr_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enr_enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cwr_completion" ADD CONSTRAINT "cwr_completion_enrollment_id_enr_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enr_enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cwr_position" ADD CONSTRAINT "cwr_position_enrollment_id_enr_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enr_enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cwr_video_progress" ADD CONSTRAINT "cwr_video_progress_enrollment_id_enr_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enr_enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enr_enrollment" ADD CONSTRAINT "enr_enrollment_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enr_enrollment" ADD CONSTRAINT "enr_enrollment_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enr_enrollment" ADD CONSTRAINT "enr_enrollment_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enr_run_seats" ADD CONSTRAINT "enr_run_seats_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evt_outbox_due_idx" ON "evt_outbox" USING btree ("topic","status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "asm_attempt_number_unique" ON "asm_attempt" USING btree ("enrollment_id","block_entity_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "asm_attempt_one_open" ON "asm_attempt" USING btree ("enrollment_id","block_entity_id") WHERE "asm_attempt"."status" = 'in_progress';--> statement-breakpoint
CREATE UNIQUE INDEX "asm_attempt_idempotency_unique" ON "asm_attempt" USING btree ("user_id","idempotency_key") WHERE "asm_attempt"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "asm_attempt_run_idx" ON "asm_attempt" USING btree ("run_id","block_entity_id");--> statement-breakpoint
CREATE INDEX "asm_course_grade_run_idx" ON "asm_course_grade" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "asm_quiz_score_run_idx" ON "asm_quiz_score" USING btree ("run_id","block_entity_id");--> statement-breakpoint
CREATE INDEX "cwr_position_unit_idx" ON "cwr_position" USING btree ("unit_entity_id");--> statement-breakpoint
CREATE INDEX "enr_enrollment_user_idx" ON "enr_enrollment" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "enr_enrollment_run_idx" ON "enr_enrollment" USING btree ("run_id","status");--> statement-breakpoint
CREATE INDEX "lrs_statement_user_idx" ON "lrs_statement" USING btree ("user_id","seq");--> statement-breakpoint
CREATE INDEX "lrs_statement_run_idx" ON "lrs_statement" USING btree ("run_id","seq") WHERE "lrs_statement"."run_id" is not null;--> statement-breakpoint
CREATE FUNCTION lrs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'learning records are append-only' USING ERRCODE = 'restrict_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER lrs_statement_append_only BEFORE UPDATE OR DELETE ON "lrs_statement"
  FOR EACH ROW EXECUTE FUNCTION lrs_refuse_change();--> statement-breakpoint
CREATE TRIGGER lrs_statement_no_truncate BEFORE TRUNCATE ON "lrs_statement"
  FOR EACH STATEMENT EXECUTE FUNCTION lrs_refuse_change();
