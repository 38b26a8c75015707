import { sql, type Kysely } from "kysely";

// Frozen once shipped. Profile questions are the association's own (issue #11, decision 015): the
// fixed member_profiles columns become questions with options, and each answer row says where it came
// from (source: the member, an import, or single sign-on; the last two are verified).
// An installation that already has a plan or profiles gets the questions it had, with the options its
// forms offered then (below, frozen) and its members' answers; a fresh database gets its questions
// from the seed instead.
const EXISTING_QUESTIONS: ReadonlyArray<{ key: string; label: string; kind: "single" | "multiple"; breakdown: boolean; column: string; options: string[] }> = [
  { key: "member_type", label: "Member type", kind: "single", breakdown: true, column: "member_type", options: ["Personal member", "Student member", "Retired member", "Library support staff", "Trustee or friend of libraries", "International member", "Organizational representative"] },
  { key: "career_stage", label: "Career stage", kind: "single", breakdown: true, column: "career_stage", options: ["Student or in training", "Early career (under 5 years)", "Mid-career (5 to 15 years)", "Experienced (over 15 years)", "Retired"] },
  { key: "library_type", label: "Library type", kind: "single", breakdown: true, column: "library_type", options: ["Academic", "Public", "School", "Special", "Government", "Tribal", "Not working in a library"] },
  { key: "division", label: "Divisions", kind: "multiple", breakdown: true, column: "divisions", options: ["AASL (school librarians)", "ACRL (college and research libraries)", "ALSC (library service to children)", "Core (leadership, infrastructure, futures)", "PLA (public libraries)", "RUSA (reference and user services)", "United for Libraries (trustees, friends, foundations)", "YALSA (young adult library services)"] },
  { key: "round_table", label: "Round tables", kind: "multiple", breakdown: true, column: "round_tables", options: ["Ethnic and Multicultural Information Exchange (EMIERT)", "Film and Media (FMRT)", "Games and Gaming (GameRT)", "Government Documents (GODORT)", "Graphic Novels and Comics (GNCRT)", "Intellectual Freedom (IFRT)", "International Relations (IRRT)", "Learning (LearnRT)", "Library History (LHRT)", "Library Instruction (LIRT)", "Library Support Staff (LSSRT)", "Maps and Geospatial Information (MAGIRT)", "New Members (NMRT)", "Rainbow (RRT)", "Retired Members (RMRT)", "Social Responsibilities (SRRT)", "Sustainability (SustainRT)"] },
  { key: "state", label: "State or territory", kind: "single", breakdown: false, column: "state", options: ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "District of Columbia", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "American Samoa", "Guam", "Northern Mariana Islands", "Puerto Rico", "U.S. Virgin Islands", "Outside the United States"] },
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table profile_questions (
      id serial primary key,
      key text not null unique check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
      label text not null,
      hint text not null default '',
      kind text not null check (kind in ('single', 'multiple')),
      position integer not null,
      breakdown boolean not null default false,
      retired_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table profile_options (
      id serial primary key,
      question_id integer not null references profile_questions (id),
      label text not null,
      position integer not null,
      retired_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index profile_options_label_idx on profile_options (question_id, lower(label))`.execute(db);
  await sql`
    create table member_answers (
      user_id integer not null references users (id) on delete cascade,
      question_id integer not null references profile_questions (id),
      option_id integer not null references profile_options (id),
      source text not null default 'self' check (source in ('self', 'import', 'sso')),
      created_at timestamptz not null default now(),
      primary key (user_id, option_id)
    )`.execute(db);
  await sql`create index member_answers_user_question_idx on member_answers (user_id, question_id)`.execute(db);
  await sql`create index member_answers_option_idx on member_answers (option_id)`.execute(db);

  // A changed answer marks its member for the next dashboard refresh (as member_profiles did, migration 0008).
  await sql`create trigger member_answers_insight_change after insert or update or delete on member_answers for each statement execute function insight_note_change()`.execute(db);
  const fn = sql.raw("insight_mark_user_id()");
  await sql`create trigger member_answers_insight_mark_insert after insert on member_answers referencing new table as new_rows for each statement execute function ${fn}`.execute(db);
  await sql`create trigger member_answers_insight_mark_update after update on member_answers referencing old table as old_rows new table as new_rows for each statement execute function ${fn}`.execute(db);
  await sql`create trigger member_answers_insight_mark_delete after delete on member_answers referencing old table as old_rows for each statement execute function ${fn}`.execute(db);

  const { rows } = await sql<{ existing: boolean }>`select exists (select 1 from plans) or exists (select 1 from member_profiles) as existing`.execute(db);
  if (rows[0]?.existing) {
    for (const [index, question] of EXISTING_QUESTIONS.entries()) {
      const inserted = await sql<{ id: number }>`
        insert into profile_questions (key, label, kind, position, breakdown)
        values (${question.key}, ${question.label}, ${question.kind}, ${index + 1}, ${question.breakdown}) returning id`.execute(db);
      const questionId = inserted.rows[0]!.id;
      await sql`
        insert into profile_options (question_id, label, position)
        select ${questionId}, label, ordinality from unnest(${question.options}::text[]) with ordinality as o(label, ordinality)`.execute(db);
      const column = sql.ref(`mp.${question.column}`);
      const values = question.kind === "multiple" ? sql`unnest(${column})` : sql`${column}`;
      // Answers the lists never offered (hand-edited rows) are kept as retired options: history stays.
      await sql`
        insert into profile_options (question_id, label, position, retired_at)
        select ${questionId}, v.label, ${question.options.length} + row_number() over (order by v.label), now()
        from (select distinct trim(${values}) as label from member_profiles mp) v
        where v.label is not null and v.label <> ''
          and not exists (select 1 from profile_options o where o.question_id = ${questionId} and lower(o.label) = lower(v.label))`.execute(db);
      await sql`
        insert into member_answers (user_id, question_id, option_id, source, created_at)
        select distinct on (a.user_id, o.id) a.user_id, ${questionId}, o.id, 'self', a.updated_at
        from (select mp.user_id, mp.updated_at, trim(${values}) as label from member_profiles mp) a
        join profile_options o on o.question_id = ${questionId} and lower(o.label) = lower(a.label)`.execute(db);
    }
  }
  await sql`drop table member_profiles`.execute(db);

  // The dashboard's per-member segments become "question=option" cells; the next refresh recounts everyone.
  await sql`alter table insight_members drop column member_type, drop column career_stage, drop column library_type, drop column divisions, drop column round_tables`.execute(db);
  await sql`alter table insight_members add column cells text[] not null default '{}'`.execute(db);
  await sql`delete from insight_segment_rollups`.execute(db);
  await sql`update insight_headline set refreshed_at = null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create table member_profiles (
      user_id integer primary key references users (id) on delete cascade,
      member_type text,
      career_stage text,
      library_type text,
      divisions text[] not null default '{}'::text[],
      round_tables text[] not null default '{}'::text[],
      state text,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table insight_members drop column cells`.execute(db);
  await sql`alter table insight_members add column member_type text not null default '', add column career_stage text not null default '', add column library_type text not null default '', add column divisions text[] not null default '{}', add column round_tables text[] not null default '{}'`.execute(db);
  await sql`delete from insight_segment_rollups`.execute(db);
  await sql`update insight_headline set refreshed_at = null`.execute(db);
  await sql`drop table member_answers`.execute(db);
  await sql`drop table profile_options`.execute(db);
  await sql`drop table profile_questions`.execute(db);
}
