CREATE TABLE "cred_credential" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cred_credential_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid NOT NULL,
	"institution_id" bigint NOT NULL,
	"enrollment_uuid" uuid,
	"run_id" bigint,
	"course_id" bigint,
	"program_id" bigint,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"document" jsonb NOT NULL,
	"jwt" text NOT NULL,
	"status_list_id" bigint NOT NULL,
	"status_index" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"revoked_by" uuid,
	CONSTRAINT "cred_credential_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "cred_credential_status_unique" UNIQUE("status_list_id","status_index"),
	CONSTRAINT "cred_credential_kind_valid" CHECK ("cred_credential"."kind" in ('course', 'program')),
	CONSTRAINT "cred_credential_kind_source" CHECK (("cred_credential"."kind" = 'course' and "cred_credential"."enrollment_uuid" is not null) or ("cred_credential"."kind" = 'program' and "cred_credential"."program_id" is not null)),
	CONSTRAINT "cred_credential_revoked_reason" CHECK ("cred_credential"."revoked_at" is null or ("cred_credential"."revoked_reason" is not null and length("cred_credential"."revoked_reason") > 0))
);
--> statement-breakpoint
CREATE TABLE "cred_issuer_key" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cred_issuer_key_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"institution_id" bigint,
	"number" integer NOT NULL,
	"public_multikey" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	"compromised_at" timestamp with time zone,
	"compromised_reason" text,
	CONSTRAINT "cred_issuer_key_number_positive" CHECK ("cred_issuer_key"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "cred_program" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cred_program_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"lead_institution_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rule" text NOT NULL,
	"required_count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cred_program_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "cred_program_key_unique" UNIQUE("key"),
	CONSTRAINT "cred_program_key_format" CHECK ("cred_program"."key" ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	CONSTRAINT "cred_program_rule_valid" CHECK ("cred_program"."rule" in ('all', 'any_n')),
	CONSTRAINT "cred_program_required_positive" CHECK ("cred_program"."required_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "cred_program_course" (
	"program_id" bigint NOT NULL,
	"course_id" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "cred_program_course_program_id_course_id_pk" PRIMARY KEY("program_id","course_id")
);
--> statement-breakpoint
CREATE TABLE "cred_program_institution" (
	"program_id" bigint NOT NULL,
	"institution_id" bigint NOT NULL,
	CONSTRAINT "cred_program_institution_program_id_institution_id_pk" PRIMARY KEY("program_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "cred_status_list" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cred_status_list_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" bigint NOT NULL,
	"purpose" text DEFAULT 'revocation' NOT NULL,
	"length" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"encoded_list" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cred_status_list_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "cred_status_list_used_bounded" CHECK ("cred_status_list"."used" >= 0 and "cred_status_list"."used" <= "cred_status_list"."length")
);
--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_program_id_cred_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."cred_program"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_status_list_id_cred_status_list_id_fk" FOREIGN KEY ("status_list_id") REFERENCES "public"."cred_status_list"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_credential" ADD CONSTRAINT "cred_credential_revoked_by_idn_user_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_issuer_key" ADD CONSTRAINT "cred_issuer_key_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_program" ADD CONSTRAINT "cred_program_lead_institution_id_ins_institution_id_fk" FOREIGN KEY ("lead_institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_program" ADD CONSTRAINT "cred_program_created_by_idn_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_program_course" ADD CONSTRAINT "cred_program_course_program_id_cred_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."cred_program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_program_course" ADD CONSTRAINT "cred_program_course_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_program_institution" ADD CONSTRAINT "cred_program_institution_program_id_cred_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."cred_program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_program_institution" ADD CONSTRAINT "cred_program_institution_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cred_status_list" ADD CONSTRAINT "cred_status_list_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cred_credential_enrollment_unique" ON "cred_credential" USING btree ("enrollment_uuid") WHERE "cred_credential"."enrollment_uuid" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "cred_credential_program_unique" ON "cred_credential" USING btree ("user_id","program_id") WHERE "cred_credential"."program_id" is not null;--> statement-breakpoint
CREATE INDEX "cred_credential_user_idx" ON "cred_credential" USING btree ("user_id","issued_at");--> statement-breakpoint
CREATE INDEX "cred_credential_institution_idx" ON "cred_credential" USING btree ("institution_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cred_issuer_key_number_unique" ON "cred_issuer_key" USING btree (coalesce("institution_id", 0),"number");--> statement-breakpoint
CREATE UNIQUE INDEX "cred_issuer_key_one_active" ON "cred_issuer_key" USING btree (coalesce("institution_id", 0)) WHERE "cred_issuer_key"."retired_at" is null and "cred_issuer_key"."compromised_at" is null;--> statement-breakpoint
CREATE INDEX "cred_program_course_course_idx" ON "cred_program_course" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "cred_status_list_institution_idx" ON "cred_status_list" USING btree ("institution_id","purpose");