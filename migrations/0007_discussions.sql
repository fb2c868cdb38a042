CREATE TABLE "dsc_circle" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dsc_circle_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsc_circle_run_number_unique" UNIQUE("run_id","number")
);
--> statement-breakpoint
CREATE TABLE "dsc_circle_member" (
	"run_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"circle_id" bigint,
	"languages" text[] NOT NULL,
	"country" text,
	"opted_at" timestamp with time zone NOT NULL,
	"matched_at" timestamp with time zone,
	CONSTRAINT "dsc_circle_member_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "dsc_flag" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dsc_flag_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"post_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	CONSTRAINT "dsc_flag_post_reporter_unique" UNIQUE("post_id","reporter_id")
);
--> statement-breakpoint
CREATE TABLE "dsc_follow" (
	"thread_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsc_follow_thread_id_user_id_pk" PRIMARY KEY("thread_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "dsc_member" (
	"run_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"community_ta" boolean DEFAULT false NOT NULL,
	"muted_until" timestamp with time zone,
	"banned_at" timestamp with time zone,
	"sanction_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "dsc_member_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "dsc_notification" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dsc_notification_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"run_id" bigint NOT NULL,
	"thread_id" bigint,
	"post_id" bigint,
	"actor_id" uuid,
	"detail" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"digested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dsc_post" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dsc_post_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"thread_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"parent_id" bigint,
	"depth" smallint NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"language" text NOT NULL,
	"author_country" text,
	"author_role" text DEFAULT 'learner' NOT NULL,
	"status" text DEFAULT 'visible' NOT NULL,
	"moderation_reason" text,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid,
	"endorsed" boolean DEFAULT false NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"open_flag_count" integer DEFAULT 0 NOT NULL,
	"request_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "dsc_post_depth_valid" CHECK ("dsc_post"."depth" between 0 and 2),
	CONSTRAINT "dsc_post_status_valid" CHECK ("dsc_post"."status" in ('visible', 'hidden', 'deleted')),
	CONSTRAINT "dsc_post_counts_valid" CHECK ("dsc_post"."vote_count" >= 0 and "dsc_post"."open_flag_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dsc_preference" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"digest" text DEFAULT 'daily' NOT NULL,
	"auto_follow" boolean DEFAULT true NOT NULL,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsc_preference_digest_valid" CHECK ("dsc_preference"."digest" in ('off', 'daily', 'weekly'))
);
--> statement-breakpoint
CREATE TABLE "dsc_thread" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dsc_thread_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" bigint NOT NULL,
	"course_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"circle_id" bigint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"author_id" uuid NOT NULL,
	"author_country" text,
	"author_role" text DEFAULT 'learner' NOT NULL,
	"language" text NOT NULL,
	"status" text DEFAULT 'visible' NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"answer_post_id" bigint,
	"reply_count" integer DEFAULT 0 NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsc_thread_kind_valid" CHECK ("dsc_thread"."kind" in ('question', 'discussion')),
	CONSTRAINT "dsc_thread_status_valid" CHECK ("dsc_thread"."status" in ('visible', 'hidden', 'deleted')),
	CONSTRAINT "dsc_thread_counts_valid" CHECK ("dsc_thread"."reply_count" >= 0 and "dsc_thread"."vote_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dsc_vote" (
	"post_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsc_vote_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "dsc_circle" ADD CONSTRAINT "dsc_circle_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_circle_member" ADD CONSTRAINT "dsc_circle_member_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_circle_member" ADD CONSTRAINT "dsc_circle_member_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_circle_member" ADD CONSTRAINT "dsc_circle_member_circle_id_dsc_circle_id_fk" FOREIGN KEY ("circle_id") REFERENCES "public"."dsc_circle"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_flag" ADD CONSTRAINT "dsc_flag_post_id_dsc_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."dsc_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_flag" ADD CONSTRAINT "dsc_flag_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_flag" ADD CONSTRAINT "dsc_flag_reporter_id_idn_user_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_flag" ADD CONSTRAINT "dsc_flag_resolved_by_idn_user_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_follow" ADD CONSTRAINT "dsc_follow_thread_id_dsc_thread_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."dsc_thread"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_follow" ADD CONSTRAINT "dsc_follow_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_member" ADD CONSTRAINT "dsc_member_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_member" ADD CONSTRAINT "dsc_member_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_member" ADD CONSTRAINT "dsc_member_updated_by_idn_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_notification" ADD CONSTRAINT "dsc_notification_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_notification" ADD CONSTRAINT "dsc_notification_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_notification" ADD CONSTRAINT "dsc_notification_thread_id_dsc_thread_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."dsc_thread"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_notification" ADD CONSTRAINT "dsc_notification_post_id_dsc_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."dsc_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_notification" ADD CONSTRAINT "dsc_notification_actor_id_idn_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_post" ADD CONSTRAINT "dsc_post_thread_id_dsc_thread_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."dsc_thread"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_post" ADD CONSTRAINT "dsc_post_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_post" ADD CONSTRAINT "dsc_post_author_id_idn_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_post" ADD CONSTRAINT "dsc_post_moderated_by_idn_user_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."idn_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_preference" ADD CONSTRAINT "dsc_preference_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_thread" ADD CONSTRAINT "dsc_thread_run_id_crs_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crs_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_thread" ADD CONSTRAINT "dsc_thread_course_id_crs_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."crs_course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_thread" ADD CONSTRAINT "dsc_thread_circle_id_dsc_circle_id_fk" FOREIGN KEY ("circle_id") REFERENCES "public"."dsc_circle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_thread" ADD CONSTRAINT "dsc_thread_author_id_idn_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_vote" ADD CONSTRAINT "dsc_vote_post_id_dsc_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."dsc_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsc_vote" ADD CONSTRAINT "dsc_vote_user_id_idn_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."idn_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dsc_circle_member_circle_idx" ON "dsc_circle_member" USING btree ("circle_id");--> statement-breakpoint
CREATE INDEX "dsc_flag_open_idx" ON "dsc_flag" USING btree ("run_id","created_at") WHERE "dsc_flag"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "dsc_follow_user_idx" ON "dsc_follow" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dsc_notification_user_idx" ON "dsc_notification" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dsc_notification_digest_idx" ON "dsc_notification" USING btree ("user_id","created_at") WHERE "dsc_notification"."digested_at" is null and "dsc_notification"."read_at" is null;--> statement-breakpoint
CREATE INDEX "dsc_post_thread_idx" ON "dsc_post" USING btree ("thread_id","depth","created_at");--> statement-breakpoint
CREATE INDEX "dsc_post_author_idx" ON "dsc_post" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "dsc_post_flagged_idx" ON "dsc_post" USING btree ("run_id","created_at") WHERE "dsc_post"."open_flag_count" > 0;--> statement-breakpoint
CREATE INDEX "dsc_post_body_trgm_idx" ON "dsc_post" USING gin ("body" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dsc_post_request_unique" ON "dsc_post" USING btree ("author_id","request_key") WHERE "dsc_post"."request_key" is not null;--> statement-breakpoint
CREATE INDEX "dsc_thread_run_activity_idx" ON "dsc_thread" USING btree ("run_id","circle_id","last_activity_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dsc_thread_run_votes_idx" ON "dsc_thread" USING btree ("run_id","circle_id","vote_count" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dsc_thread_title_trgm_idx" ON "dsc_thread" USING gin ("title" gin_trgm_ops);