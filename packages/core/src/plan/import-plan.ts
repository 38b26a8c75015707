import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { recordPlanVersion } from "../plan-admin/plan-versions";
import { parsePlanText, slugify, type ParsedPlan } from "./parse-plan-text";

export type ImportSummary = {
  planId: number;
  version: number;
  created: { plan: boolean; domains: number; objectives: number };
  updated: { plan: boolean; domains: number; objectives: number };
  changed: boolean;
};

/**
 * Imports (or re-imports) a plan from its text. Idempotent: a second run with the same text changes
 * nothing. Any parse problem throws PlanTextError before anything is written. A re-import that
 * changes something raises the plan's version and leaves an audit entry.
 */
export type ImportOptions = {
  slug?: string;
  actorId?: number | null;
  /** The cycle a newly created plan belongs to; without it a new plan starts a new active cycle. */
  cycleId?: number;
};

export async function importPlan(db: Kysely<DB>, text: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const parsed = parsePlanText(text);
  return applyParsedPlan(db, parsed, options);
}

export async function applyParsedPlan(db: Kysely<DB>, parsed: ParsedPlan, options: ImportOptions = {}): Promise<ImportSummary> {
  return db.transaction().execute((trx) => applyParsedPlanIn(trx, parsed, options));
}

/**
 * The seed plan goes only into a database that has no plan yet: start-up never changes plan content
 * an admin may have edited (decision 015). Two processes starting at once serialise on one lock, so
 * the second finds the first's plan and imports nothing. Returns null when a plan was already there.
 */
export async function importPlanIfNone(db: Kysely<DB>, text: string): Promise<ImportSummary | null> {
  const parsed = parsePlanText(text);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('plan-seed'))`.execute(trx);
    const existing = await trx.selectFrom("plans").select("id").limit(1).executeTakeFirst();
    if (existing) return null;
    return applyParsedPlanIn(trx, parsed, {});
  });
}

/** Slugs a new cycle may use for `base`: itself first, then with the cycle's slug (and a number) after it. */
function* slugCandidates(base: string, cycleSlug: string): Generator<string> {
  yield base;
  yield `${base}-${cycleSlug}`;
  for (let n = 2; ; n += 1) yield `${base}-${cycleSlug}-${n}`;
}

/**
 * Domain, objective and plan slugs are unique across cycles, so URLs never change meaning: an old
 * cycle keeps its slugs and a new cycle's clashing ones take the cycle's slug as a suffix.
 */
async function freeSlug(trx: Transaction<DB>, table: "domains" | "objectives" | "plans", base: string, cycleSlug: string): Promise<string> {
  for (const candidate of slugCandidates(base, cycleSlug)) {
    const taken = await trx.selectFrom(table).select("id").where("slug", "=", candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
  throw new Error("unreachable");
}

/** Creates a plan cycle (the first one is active at once); returns its id and slug. */
export async function createCycle(trx: Transaction<DB>, fields: { name: string; slug: string; status: "active" | "archived" }) {
  return trx.insertInto("plan_cycles").values(fields).returning(["id", "slug"]).executeTakeFirstOrThrow();
}

/** A cycle slug not yet used: `base`, else `base-2`, `base-3`, … */
export async function freeCycleSlug(trx: Transaction<DB>, base: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await trx.selectFrom("plan_cycles").select("id").where("slug", "=", candidate).executeTakeFirst())) return candidate;
  }
}

export async function applyParsedPlanIn(trx: Transaction<DB>, parsed: ParsedPlan, options: ImportOptions): Promise<ImportSummary> {
  let slug = options.slug ?? slugify(parsed.title);
  {
    // Serialise concurrent imports of the same plan.
    await sql`select pg_advisory_xact_lock(hashtext(${`plan-import:${slug}`}))`.execute(trx);
    const created = { plan: false, domains: 0, objectives: 0 };
    const updated = { plan: false, domains: 0, objectives: 0 };

    let plan = options.cycleId === undefined ? await trx.selectFrom("plans").selectAll().where("slug", "=", slug).executeTakeFirst() : undefined;
    let cycle: { id: number; slug: string };
    if (plan) {
      cycle = await trx.selectFrom("plan_cycles").select(["id", "slug"]).where("id", "=", plan.cycle_id).executeTakeFirstOrThrow();
    } else if (options.cycleId !== undefined) {
      cycle = await trx.selectFrom("plan_cycles").select(["id", "slug"]).where("id", "=", options.cycleId).executeTakeFirstOrThrow();
      slug = await freeSlug(trx, "plans", slug, cycle.slug);
    } else {
      const active = await trx.selectFrom("plan_cycles").select("id").where("status", "=", "active").executeTakeFirst();
      cycle = await createCycle(trx, { name: parsed.title, slug: await freeCycleSlug(trx, slug), status: active ? "archived" : "active" });
      slug = await freeSlug(trx, "plans", slug, cycle.slug);
    }
    const planFields = {
      title: parsed.title,
      intro: parsed.intro,
      mission: parsed.mission,
      vision: parsed.vision,
      values: JSON.stringify(parsed.values),
    };
    if (!plan) {
      plan = await trx
        .insertInto("plans")
        .values({ slug, cycle_id: cycle.id, ...planFields })
        .returningAll()
        .executeTakeFirstOrThrow();
      created.plan = true;
    } else if (
      plan.title !== parsed.title ||
      plan.intro !== parsed.intro ||
      plan.mission !== parsed.mission ||
      plan.vision !== parsed.vision ||
      JSON.stringify(plan.values) !== JSON.stringify(parsed.values)
    ) {
      await trx
        .updateTable("plans")
        .set({ ...planFields, updated_at: new Date() })
        .where("id", "=", plan.id)
        .execute();
      updated.plan = true;
    }

    for (const [domainIndex, domain] of parsed.domains.entries()) {
      const position = domainIndex + 1;
      // This plan's domain for the text's slug (see slugCandidates); never another cycle's.
      const ownSlugs = new Set((await trx.selectFrom("domains").select("slug").where("plan_id", "=", plan.id).execute()).map((d) => d.slug));
      const candidates = slugCandidates(domain.slug, cycle.slug);
      let ownSlug: string | undefined;
      for (let tries = 0; tries < 20 && ownSlug === undefined; tries += 1) {
        const candidate = candidates.next().value as string;
        if (ownSlugs.has(candidate)) ownSlug = candidate;
      }
      let row =
        ownSlug === undefined
          ? undefined
          : await trx.selectFrom("domains").selectAll().where("slug", "=", ownSlug).where("plan_id", "=", plan.id).executeTakeFirst();
      if (!row) {
        row = await trx
          .insertInto("domains")
          .values({
            plan_id: plan.id,
            slug: await freeSlug(trx, "domains", domain.slug, cycle.slug),
            name: domain.name,
            aliases: domain.aliases,
            goal_statement: domain.goalStatement,
            position,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        created.domains += 1;
      } else if (
        row.name !== domain.name ||
        row.goal_statement !== domain.goalStatement ||
        row.position !== position ||
        row.aliases.join("\u0000") !== domain.aliases.join("\u0000")
      ) {
        await trx
          .updateTable("domains")
          .set({ name: domain.name, aliases: domain.aliases, goal_statement: domain.goalStatement, position, updated_at: new Date() })
          .where("id", "=", row.id)
          .execute();
        updated.domains += 1;
      }

      for (const [objectiveIndex, objective] of domain.objectives.entries()) {
        const objectivePosition = objectiveIndex + 1;
        const objectiveSlug = `${row.slug}-${objectivePosition}`;
        const existing = await trx
          .selectFrom("objectives")
          .innerJoin("domains", "domains.id", "objectives.domain_id")
          .selectAll("objectives")
          .where("objectives.slug", "=", objectiveSlug)
          .where("domains.plan_id", "=", plan.id)
          .executeTakeFirst();
        if (!existing) {
          await trx
            .insertInto("objectives")
            .values({
              domain_id: row.id,
              slug: await freeSlug(trx, "objectives", objectiveSlug, cycle.slug),
              position: objectivePosition,
              text: objective.text,
              is_urgent: objective.isUrgent,
            })
            .execute();
          created.objectives += 1;
        } else if (
          existing.text !== objective.text ||
          existing.is_urgent !== objective.isUrgent ||
          existing.position !== objectivePosition ||
          existing.domain_id !== row.id
        ) {
          await trx
            .updateTable("objectives")
            .set({ text: objective.text, is_urgent: objective.isUrgent, position: objectivePosition, domain_id: row.id, updated_at: new Date() })
            .where("id", "=", existing.id)
            .execute();
          updated.objectives += 1;
        }
      }
    }

    const changed = updated.plan || updated.domains > 0 || updated.objectives > 0 || created.domains > 0 || created.objectives > 0;
    let version = plan.version;
    if (changed && !created.plan) {
      version += 1;
      await trx.updateTable("plans").set({ version, updated_at: new Date() }).where("id", "=", plan.id).execute();
    }
    if (changed || created.plan) {
      await appendAudit(trx, {
        actorId: options.actorId ?? null,
        action: created.plan ? "plan.import" : "plan.reimport",
        targetType: "plan",
        targetId: plan.id,
        after: { version, created, updated },
      });
      await recordPlanVersion(trx, {
        planId: plan.id,
        version,
        actorId: options.actorId ?? null,
        summary: created.plan ? "Plan imported" : "Plan re-imported from text",
      });
    }
    return { planId: plan.id, version, created, updated, changed: changed || created.plan };
  }
}
