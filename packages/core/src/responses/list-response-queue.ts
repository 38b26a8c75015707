import { sql, type DB, type Kysely } from "@planpulse/db";
import { RESPONSE_QUEUE_PAGE_SIZE, type ResponseQueueInput } from "@planpulse/validators";
import { AppError } from "../errors";
import { manageableDomainIds, type Actor } from "../progress/domain-scope";

export type ResponseQueueItem = {
  commentId: number;
  body: string;
  stance: string | null;
  createdAt: string;
  waitingSeconds: number;
  authorName: string | null;
  replyCount: number;
  objective: { id: number; slug: string; text: string; hasOfficialResponse: boolean };
  domain: { slug: string; name: string };
};

/**
 * "Response needed": members' visible top-level comments that no staff member has replied to yet,
 * oldest first, within the domains the actor may answer for (all of them for an admin), a page at a
 * time so every item can be reached.
 */
export async function listResponseQueue(db: Kysely<DB>, actor: Actor, input: ResponseQueueInput = {}) {
  const scope = await manageableDomainIds(db, actor);
  const domains = await db
    .selectFrom("domains")
    .select(["id", "slug", "name"])
    .$if(scope !== "all", (qb) => qb.where("id", "in", scope === "all" || scope.length === 0 ? [-1] : scope))
    .orderBy("position")
    .execute();
  let domainIds = domains.map((d) => d.id);
  if (input.domainSlug) {
    const chosen = await db.selectFrom("domains").select("id").where("slug", "=", input.domainSlug).executeTakeFirst();
    if (!chosen) throw new AppError("NOT_FOUND", { userMessage: "There is no such domain." });
    if (!domainIds.includes(chosen.id)) {
      throw new AppError("FORBIDDEN", { userMessage: "You are not assigned to this domain. Ask an administrator to assign you." });
    }
    domainIds = [chosen.id];
  }
  const page = input.page ?? 1;
  const pageSize = RESPONSE_QUEUE_PAGE_SIZE;
  if (domainIds.length === 0) return { items: [] as ResponseQueueItem[], total: 0, domains: [], assigned: false, page: 1, pageSize, pageCount: 1 };

  const base = db
    .selectFrom("comments as c")
    .innerJoin("objectives as o", "o.id", "c.objective_id")
    .innerJoin("domains as d", "d.id", "o.domain_id")
    .where("c.parent_id", "is", null)
    .where("c.kind", "=", "member")
    .where("c.status", "=", "visible")
    .where("c.deleted_at", "is", null)
    .where("o.retired_at", "is", null)
    .where("d.id", "in", domainIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("comments as r").select("r.id").whereRef("r.parent_id", "=", "c.id").where("r.kind", "=", "staff_reply").where("r.deleted_at", "is", null),
        ),
      ),
    );
  const [rows, total] = await Promise.all([
    base
      .leftJoin("users as u", "u.id", "c.author_id")
      .select([
        "c.id",
        "c.body",
        "c.stance",
        "c.created_at",
        "c.reply_count",
        "u.display_name",
        "o.id as objective_id",
        "o.slug as objective_slug",
        "o.text as objective_text",
        "d.slug as domain_slug",
        "d.name as domain_name",
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom("comments as off")
                .select("off.id")
                .whereRef("off.objective_id", "=", "o.id")
                .where("off.kind", "=", "official_response")
                .where("off.deleted_at", "is", null)
                .where("off.status", "=", "visible"),
            )
            .as("has_official"),
      ])
      .orderBy("c.created_at", "asc")
      .orderBy("c.id", "asc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const now = Date.now();
  const items: ResponseQueueItem[] = rows.map((row) => ({
    commentId: row.id,
    body: row.body,
    stance: row.stance,
    createdAt: row.created_at.toISOString(),
    waitingSeconds: Math.max(0, Math.round((now - row.created_at.getTime()) / 1000)),
    authorName: row.display_name,
    replyCount: row.reply_count,
    objective: { id: row.objective_id, slug: row.objective_slug, text: row.objective_text, hasOfficialResponse: Boolean(row.has_official) },
    domain: { slug: row.domain_slug, name: row.domain_name },
  }));
  const count = Number(total.n);
  return {
    items,
    total: count,
    domains: domains.map((d) => ({ slug: d.slug, name: d.name })),
    assigned: true,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(count / pageSize)),
  };
}

/** Objectives the actor may post an official response on (for the form's select). */
export async function listRespondableObjectives(db: Kysely<DB>, actor: Actor) {
  const scope = await manageableDomainIds(db, actor);
  if (scope !== "all" && scope.length === 0) return [];
  const rows = await db
    .selectFrom("objectives as o")
    .innerJoin("domains as d", "d.id", "o.domain_id")
    .select(["o.slug", "o.text", "o.position", "d.name as domain_name", "o.first_staff_response_at"])
    .where("o.retired_at", "is", null)
    .$if(scope !== "all", (qb) => qb.where("d.id", "in", scope === "all" ? [] : scope))
    .orderBy("d.position")
    .orderBy("o.position")
    .execute();
  return rows.map((r) => ({ slug: r.slug, text: r.text, domainName: r.domain_name, answered: r.first_staff_response_at !== null }));
}

/** Time to first staff response: the median over every answered member comment, and per objective. */
export async function getResponseTimes(db: Kysely<DB>) {
  const [overall, perObjective] = await Promise.all([
    db
      .selectFrom("response_timings")
      .select([(eb) => eb.fn.countAll<string>().as("answered"), sql<number | null>`percentile_cont(0.5) within group (order by seconds)`.as("median_seconds")])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("response_timings as t")
      .innerJoin("objectives as o", "o.id", "t.objective_id")
      .select([
        "o.slug",
        "o.text",
        "o.first_staff_response_at",
        (eb) => eb.fn.countAll<string>().as("answered"),
        sql<number | null>`percentile_cont(0.5) within group (order by t.seconds)`.as("median_seconds"),
      ])
      .groupBy(["o.id", "o.slug", "o.text", "o.first_staff_response_at"])
      .orderBy("o.id")
      .execute(),
  ]);
  return {
    answered: Number(overall.answered),
    medianSeconds: overall.median_seconds === null ? null : Math.round(Number(overall.median_seconds)),
    objectives: perObjective.map((row) => ({
      slug: row.slug,
      text: row.text,
      firstStaffResponseAt: row.first_staff_response_at ? row.first_staff_response_at.toISOString() : null,
      answered: Number(row.answered),
      medianSeconds: row.median_seconds === null ? null : Math.round(Number(row.median_seconds)),
    })),
  };
}
