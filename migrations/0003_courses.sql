CREATE TABLE "crs_course" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crs_course_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"package_id" bigint NOT NULL,
	"root_entity_id" bigint NOT NULL,
	"lead_institution_id" bigint NOT NULL,
	"latest_release_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "crs_course_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "crs_course_key_unique" UNIQUE("key"),
	CONSTRAINT "crs_course_packageId_unique" UNIQUE("package_id"),
	CONSTRAINT "crs_course_key_format" CHECK ("crs_course"."key" ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
--> statement-breakpoint
CREATE TABLE "crs_media" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crs_media_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"course_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "crs_media_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "crs_media_storageKey_unique" UNIQUE("storage_key"),
	CONSTRAINT "crs_media_purpose_valid" CHECK (purpose in ('image', 'video', 'captions', 'poster', 'file'))
);
--> statement-breakpoint
CREATE TABLE "crs_owner" (
	"course_id" bigint NOT NULL,
	"institution_id" bigint NOT NULL,
	"role" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "crs_owner_course_id_institution_id_pk" PRIMARY KEY("course_id","institution_id"),
	CONSTRAINT "crs_owner_role_valid" CHECK (role in ('lead', 'partner'))
);
--> statement-breakpoint
CREATE TABLE "crs_release" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crs_release_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"course_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"publish_log_id" bigint NOT NULL,
	"manifest" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "crs_release_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "crs_release_number_unique" UNIQUE("course_id","number")
);
--> statement-breakpoint
CREATE TABLE "crs_run" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crs_run_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"course_id" bigint NOT NULL,
	"code" text NOT NULL,
	"pacing" text NOT NULL,
	"language" text NOT NULL,
	"enrollment_opens_at" timestamp with time zone,
	"enrollment_closes_at" timestamp with time zone,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"release_id" bigint NOT NULL,
	"capacity" integer,
	"certificate_policy" text DEFAULT 'none' NOT NULL,
	"grading_policy" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "crs_run_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "crs_run_code_unique" UNIQUE("course_id","code"),
	CONSTRAINT "crs_run_code_format" CHECK ("crs_run"."code" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
	CONSTRAINT "crs_run_pacing_valid" CHECK (pacing in ('self_paced', 'scheduled')),
	CONSTRAINT "crs_run_certificate_valid" CHECK (certificate_policy in ('none', 'free_on_pass')),
	CONSTRAINT "crs_run_capacity_positive" CHECK ("crs_run"."capacity" is null or "crs_run"."capacity" > 0),
	CONSTRAINT "crs_run_dates_ordered" CHECK ("crs_run"."starts_at" is null or "crs_run"."ends_at" is null or "crs_run"."starts_at" < "crs_run"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "crs_team_invitation" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crs_team_invitation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"course_id" bigint NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"institution_id" bigint NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "crs_team_invitation_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "crs_team_invitation_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "crs_team_invitation_role_valid" CHECK (role in ('lead_instructor', 'instructor', 'author', 'teaching_assistant'))
);
--> statement-breakpoint
CREATE TABLE "crs_team_member" (
	"course_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"institution_id" bigint NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" uuid,
	CONSTRAINT "crs_team_member_course_id_user_id_pk" PRIMARY KEY("course_id","user_id"),
	CONSTRAINT "crs_team_member_role_valid" CHECK (role in ('lead_instructor', 'instructor', 'author', 'teaching_assistant'))
);
--> statement-breakpoint
CREATE TABLE "pub_draft" (
	"entity_id" bigint PRIMARY KEY NOT NULL,
	"version_id" bigint
);
--> statement-breakpoint
CREATE TABLE "pub_entity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pub_entity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"package_id" bigint NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "pub_entity_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "pub_entity_key_unique" UNIQUE("package_id","key"),
	CONSTRAINT "pub_entity_key_format" CHECK ("pub_entity"."key" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$')
);
--> statement-breakpoint
CREATE TABLE "pub_package" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pub_package_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pub_package_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "pub_package_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "pub_publish_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pub_publish_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"package_id" bigint NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "pub_publish_log_uuid_unique" UNIQUE("uuid")
);
--> statement-breakpoint
CREATE TABLE "pub_publish_log_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pub_publish_log_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"publish_log_id" bigint NOT NULL,
	"entity_id" bigint NOT NULL,
	"old_version_id" bigint,
	"new_version_id" bigint,
	CONSTRAINT "pub_publish_log_record_unique" UNIQUE("publish_log_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "pub_published" (
	"entity_id" bigint PRIMARY KEY NOT NULL,
	"version_id" bigint,
	"publish_log_record_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pub_version" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pub_version_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entity_id" bigint NOT NULL,
	"version_num" integer NOT NULL,
	"data" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "pub_version_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "pub_version_num_unique" UNIQUE("entity_id","version_num"),
	CONSTRAINT "pub_version_num_positive" CHECK ("pub_version"."version_num" > 0)
);
--> statement-breakpoint
ALTER TABLE "crs_course" ADD CONSTRAINT "crs_course_package_id_pub_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."pub_package"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_course" ADD CONSTRAINT "crs_course_root_entity_id_pub_entity_id_fk" FOREIGN KEY ("root_entity_id") REFERENCES "public"."pub_entity"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_course" ADD CONSTRAINT "crs_course_lead_institution_id_ins_institution_id_fk" FOREIGN KEY ("lead_institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_course" ADD CONSTRAINT "crs_course_created_by_idn_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_media" ADD CONSTRAINT "crs_media_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_media" ADD CONSTRAINT "crs_media_created_by_idn_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_owner" ADD CONSTRAINT "crs_owner_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_owner" ADD CONSTRAINT "crs_owner_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_release" ADD CONSTRAINT "crs_release_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_release" ADD CONSTRAINT "crs_release_publish_log_id_pub_publish_log_id_fk" FOREIGN KEY ("publish_log_id") REFERENCES "public"."pub_publish_log"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_release" ADD CONSTRAINT "crs_release_published_by_idn_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_run" ADD CONSTRAINT "crs_run_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_run" ADD CONSTRAINT "crs_run_release_id_crs_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."crs_release"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_invitation" ADD CONSTRAINT "crs_team_invitation_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_invitation" ADD CONSTRAINT "crs_team_invitation_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_invitation" ADD CONSTRAINT "crs_team_invitation_invited_by_idn_user_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_invitation" ADD CONSTRAINT "crs_team_invitation_accepted_by_idn_user_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_member" ADD CONSTRAINT "crs_team_member_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_member" ADD CONSTRAINT "crs_team_member_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_member" ADD CONSTRAINT "crs_team_member_institution_id_ins_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."ins_institution"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crs_team_member" ADD CONSTRAINT "crs_team_member_added_by_idn_user_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_draft" ADD CONSTRAINT "pub_draft_entity_id_pub_entity_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."pub_entity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_draft" ADD CONSTRAINT "pub_draft_version_id_pub_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."pub_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_entity" ADD CONSTRAINT "pub_entity_package_id_pub_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."pub_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_entity" ADD CONSTRAINT "pub_entity_created_by_idn_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_publish_log" ADD CONSTRAINT "pub_publish_log_package_id_pub_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."pub_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_publish_log" ADD CONSTRAINT "pub_publish_log_published_by_idn_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_publish_log_record" ADD CONSTRAINT "pub_publish_log_record_publish_log_id_pub_publish_log_id_fk" FOREIGN KEY ("publish_log_id") REFERENCES "public"."pub_publish_log"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_publish_log_record" ADD CONSTRAINT "pub_publish_log_record_entity_id_pub_entity_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."pub_entity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_publish_log_record" ADD CONSTRAINT "pub_publish_log_record_old_version_id_pub_version_id_fk" FOREIGN KEY ("old_version_id") REFERENCES "public"."pub_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_publish_log_record" ADD CONSTRAINT "pub_publish_log_record_new_version_id_pub_version_id_fk" FOREIGN KEY ("new_version_id") REFERENCES "public"."pub_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_published" ADD CONSTRAINT "pub_published_entity_id_pub_entity_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."pub_entity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_published" ADD CONSTRAINT "pub_published_version_id_pub_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."pub_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_published" ADD CONSTRAINT "pub_published_publish_log_record_id_pub_publish_log_record_id_fk" FOREIGN KEY ("publish_log_record_id") REFERENCES "public"."pub_publish_log_record"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_version" ADD CONSTRAINT "pub_version_entity_id_pub_entity_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."pub_entity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pub_version" ADD CONSTRAINT "pub_version_created_by_idn_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crs_course_lead_idx" ON "crs_course" USING btree ("lead_institution_id");--> statement-breakpoint
CREATE INDEX "crs_media_course_idx" ON "crs_media" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "crs_owner_institution_idx" ON "crs_owner" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "crs_run_starts_idx" ON "crs_run" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "crs_team_invitation_course_idx" ON "crs_team_invitation" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "crs_team_invitation_email_idx" ON "crs_team_invitation" USING btree ("email");--> statement-breakpoint
CREATE INDEX "crs_team_member_user_idx" ON "crs_team_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pub_publish_log_package_idx" ON "pub_publish_log" USING btree ("package_id","published_at");