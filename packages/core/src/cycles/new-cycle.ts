import { sql, type DB, type Kysely, type Transaction } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { findActivePlanCycle, findCurrentPlan } from "../plan/queries";
import type { z, NewCycleImportSchema, NewCyclePreviewSchema } from "@planpulse/validators";
import { AppError } from "../errors";
import { applyParsedPlanIn, createCycle } from "../plan/import-plan";
import { parsePlanText, PlanTextError, type ParsedPlan, type PlanTextIssue } from "../plan/parse-plan-text";
import type { Actor } from "../progress/domain-scope";

type Executor = Kysely<DB> | Transaction<DB>;

export type CycleDomainChange = "added" | "kept" | "renamed";
export type CycleObjectiveChange = "added" | "kept" | "reworded";
export type OldObjective = { id: number; slug: string; text: string; domainName: string };

export type NewCyclePreview =
  | { ok: false; issues: PlanTextIssue[] }
  | {
      ok: true;
      /** The active cycle this preview compares with; the import is refused if it changed meanwhile. */
      current: { id: number; name: string; slug: string };
      cycle: { name: string; slug: string; slugTaken: boolean };
      domains: Array<{
        name: string;
        kind: CycleDomainChange;
        previousName: string | null;
        objectives: Array<{ key: string; position: number; text: string; line: number; kind: CycleObjectiveChange; suggestedFrom: number | null }>;
      }>;
      removedDomains: string[];
      removedObjectives: OldObjective[];
      /** Every objective of the current cycle, for the carry-over choices. */
      previous: OldObjective[];
      counts: {
        domainsAdded: number;
        domainsRemoved: number;
        domainsRenamed: number;
        objectivesAdded: number;
        objectivesRemoved: number;
        objectivesReworded: number;
        objectivesKept: number;
      };
    };

function parse(text: string): { parsed: ParsedPlan } | { issues: PlanTextIssue[] } {
  try {
    return { parsed: parsePlanText(text) };
  } catch (error) {
    if (error instanceof PlanTextError) return { issues: error.issues };
    throw error;
  }
}

/** The key of a new objective: its domain's slug from the text and its position (stable between preview and import). */
export function objectiveKey(domainSlug: string, position: number): string {
  return `${domainSlug}-${position}`;
}

async function currentCycleContent(db: Executor) {
  const cycle = await findActivePlanCycle(db);
  const plan = await findCurrentPlan(db);
  if (!cycle || !plan) throw new AppError("NOT_FOUND", { userMessage: "There is no current plan cycle; import a plan first." });
  const domains = await db
    .selectFrom("domains")
    .selectAll()
    .where("plan_id", "=", plan.id)
    .where("retired_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const objectives =
    domains.length === 0
      ? []
      : await db
          .selectFrom("objectives")
          .selectAll()
          .where(
            "domain_id",
            "in",
            domains.map((d) => d.id),
          )
          .where("retired_at", "is", null)
          .orderBy("position")
          .orderBy("id")
          .execute();
  return { cycle, plan, domains, objectives };
}

/**
 * What starting a new cycle with this text would change, compared with the current cycle: domains
 * added, removed or renamed (matched by slug, else by position), objectives added, removed, kept or
 * reworded (matched by text, else by position), and a suggested carry-over for each new objective.
 */
export async function previewNewCycle(db: Kysely<DB>, input: z.output<typeof NewCyclePreviewSchema>): Promise<NewCyclePreview> {
  const result = parse(input.text);
  if ("issues" in result) return { ok: false, issues: result.issues };
  const { parsed } = result;
  const { cycle, domains: oldDomains, objectives: oldObjectives } = await currentCycleContent(db);
  const slugTaken = (await db.selectFrom("plan_cycles").select("id").where("slug", "=", input.cycleSlug).executeTakeFirst()) !== undefined;
  const domainName = new Map(oldDomains.map((d) => [d.id, d.name]));
  const asOld = (o: (typeof oldObjectives)[number]): OldObjective => ({ id: o.id, slug: o.slug, text: o.text, domainName: domainName.get(o.domain_id) ?? "" });

  const usedDomains = new Set<number>();
  const matchedDomain = parsed.domains.map((d) => {
    const found = oldDomains.find((o) => !usedDomains.has(o.id) && (o.slug === d.slug || o.name === d.name));
    if (found) usedDomains.add(found.id);
    return found;
  });
  // A domain whose name changed keeps its place: match the rest by position.
  parsed.domains.forEach((_, index) => {
    if (matchedDomain[index]) return;
    const byPosition = oldDomains[index];
    if (byPosition && !usedDomains.has(byPosition.id)) {
      matchedDomain[index] = byPosition;
      usedDomains.add(byPosition.id);
    }
  });

  const usedObjectives = new Set<number>();
  const counts = { domainsAdded: 0, domainsRemoved: 0, domainsRenamed: 0, objectivesAdded: 0, objectivesRemoved: 0, objectivesReworded: 0, objectivesKept: 0 };
  const domains = parsed.domains.map((domain, index) => {
    const old = matchedDomain[index];
    const kind: CycleDomainChange = !old ? "added" : old.name === domain.name ? "kept" : "renamed";
    if (kind === "added") counts.domainsAdded += 1;
    if (kind === "renamed") counts.domainsRenamed += 1;
    const siblings = old ? oldObjectives.filter((o) => o.domain_id === old.id) : [];
    const matched = domain.objectives.map((objective) => {
      const same = siblings.find((o) => !usedObjectives.has(o.id) && o.text === objective.text);
      if (same) usedObjectives.add(same.id);
      return same;
    });
    const objectives = domain.objectives.map((objective, position) => {
      let from = matched[position];
      let change: CycleObjectiveChange = from ? "kept" : "added";
      if (!from) {
        const byPosition = siblings[position];
        if (byPosition && !usedObjectives.has(byPosition.id)) {
          from = byPosition;
          usedObjectives.add(byPosition.id);
          change = "reworded";
        }
      }
      counts[change === "kept" ? "objectivesKept" : change === "added" ? "objectivesAdded" : "objectivesReworded"] += 1;
      return {
        key: objectiveKey(domain.slug, position + 1),
        position: position + 1,
        text: objective.text,
        line: objective.line,
        kind: change,
        suggestedFrom: from?.id ?? null,
      };
    });
    return { name: domain.name, kind, previousName: old && old.name !== domain.name ? old.name : null, objectives };
  });
  const removedDomains = oldDomains.filter((d) => !usedDomains.has(d.id)).map((d) => d.name);
  const removedObjectives = oldObjectives.filter((o) => !usedObjectives.has(o.id)).map(asOld);
  counts.domainsRemoved = removedDomains.length;
  counts.objectivesRemoved = removedObjectives.length;
  return {
    ok: true,
    current: { id: cycle.id, name: cycle.name, slug: cycle.slug },
    cycle: { name: input.cycleName, slug: input.cycleSlug, slugTaken },
    domains,
    removedDomains,
    removedObjectives,
    previous: oldObjectives.map(asOld),
    counts,
  };
}

export type NewCycleResult = {
  cycleId: number;
  cycleSlug: string;
  archived: { id: number; slug: string };
  domains: number;
  objectives: number;
  linked: number;
};

/**
 * Starts a new plan cycle from plan text: replace, not merge. The current cycle is archived (read-only,
 * still browsable) and the text becomes the new active cycle's plan; the admin's links mark which new
 * objective continues which old one (its history stays where it was given; nothing is moved).
 * All or nothing: a text problem, a taken slug or a stale preview changes nothing.
 */
export async function startNewCycle(db: Kysely<DB>, actor: Actor, input: z.output<typeof NewCycleImportSchema>): Promise<NewCycleResult> {
  const result = parse(input.text);
  if ("issues" in result) {
    throw new AppError("BAD_REQUEST", {
      userMessage: `The plan text has ${result.issues.length} problem(s); nothing was imported.`,
      fieldErrors: { text: result.issues.map((i) => `Line ${i.line}: ${i.message}`) },
    });
  }
  const { parsed } = result;
  const keys = new Set(parsed.domains.flatMap((d) => d.objectives.map((_, i) => objectiveKey(d.slug, i + 1))));
  for (const link of input.links) {
    if (!keys.has(link.key)) throw new AppError("BAD_REQUEST", { userMessage: "A carry-over link names an objective that is not in the text. Preview again." });
  }
  const keyOrder = new Map(
    parsed.domains.flatMap((d, domainIndex) => d.objectives.map((_, i) => [objectiveKey(d.slug, i + 1), { domainIndex, position: i + 1 }] as const)),
  );

  return db.transaction().execute(async (trx) => {
    // One cycle change at a time; then the active cycle's row, which waits for every in-flight member
    // write (they hold it share-locked) and keeps new ones out until this commits.
    await sql`select pg_advisory_xact_lock(hashtext('plan-cycle'))`.execute(trx);
    const current = await trx.selectFrom("plan_cycles").selectAll().where("status", "=", "active").forUpdate().executeTakeFirst();
    if (!current) throw new AppError("NOT_FOUND", { userMessage: "There is no current plan cycle; import a plan first." });
    if (current.id !== input.expectedCycleId) {
      throw new AppError("CONFLICT", { userMessage: "Another import started a new cycle since your preview. Preview again; nothing was imported." });
    }
    if (await trx.selectFrom("plan_cycles").select("id").where("slug", "=", input.cycleSlug).executeTakeFirst()) {
      const message = "A cycle already uses this web name; choose another.";
      throw new AppError("CONFLICT", { userMessage: message, fieldErrors: { cycleSlug: [message] } });
    }
    const { domains: oldDomains, objectives: oldObjectives } = await currentCycleContent(trx);
    const oldIds = new Set(oldObjectives.map((o) => o.id));
    for (const link of input.links) {
      if (!oldIds.has(link.fromObjectiveId)) {
        throw new AppError("BAD_REQUEST", { userMessage: "A carry-over link names an objective that is not in the current cycle. Preview again." });
      }
    }

    const now = new Date();
    await trx.updateTable("plan_cycles").set({ status: "archived", ended_at: now }).where("id", "=", current.id).execute();
    const cycle = await createCycle(trx, { name: input.cycleName, slug: input.cycleSlug, status: "active" });
    const summary = await applyParsedPlanIn(trx, parsed, { cycleId: cycle.id, actorId: actor.id });

    const newDomains = await trx.selectFrom("domains").selectAll().where("plan_id", "=", summary.planId).orderBy("position").execute();
    const newObjectives = await trx
      .selectFrom("objectives")
      .select(["id", "domain_id", "position"])
      .where("domain_id", "in", newDomains.length ? newDomains.map((d) => d.id) : [-1])
      .execute();
    let linked = 0;
    for (const link of input.links) {
      const place = keyOrder.get(link.key)!;
      const domain = newDomains[place.domainIndex];
      const objective = newObjectives.find((o) => o.domain_id === domain?.id && o.position === place.position);
      if (!objective) continue;
      await trx.updateTable("objectives").set({ carried_from_objective_id: link.fromObjectiveId }).where("id", "=", objective.id).execute();
      linked += 1;
    }
    // Staff keep the domains they were assigned to where a new domain carries an old one's name.
    for (const domain of newDomains) {
      const old = oldDomains.find((d) => d.name === domain.name);
      if (!old) continue;
      await sql`insert into staff_domain_assignments (user_id, domain_id)
        select user_id, ${domain.id} from staff_domain_assignments where domain_id = ${old.id}
        on conflict do nothing`.execute(trx);
    }
    await appendAudit(trx, {
      actorId: actor.id,
      action: "plan.new_cycle",
      targetType: "plan_cycle",
      targetId: cycle.slug,
      before: { cycle: current.slug, status: "active" },
      after: { cycle: cycle.slug, archived: current.slug, domains: newDomains.length, objectives: newObjectives.length, linked },
    });
    return {
      cycleId: cycle.id,
      cycleSlug: cycle.slug,
      archived: { id: current.id, slug: current.slug },
      domains: newDomains.length,
      objectives: newObjectives.length,
      linked,
    };
  });
}
