import type { DB, Kysely } from "@planpulse/db";
import { findCurrentPlan } from "../plan/queries";
import { AppError } from "../errors";
import { applyParsedPlan, type ImportSummary } from "../plan/import-plan";
import { parsePlanText, PlanTextError, type ParsedPlan, type PlanTextIssue } from "../plan/parse-plan-text";
import type { Actor } from "../progress/domain-scope";

export type ChangeKind = "added" | "changed" | "unchanged";
export type ImportPreview =
  | { ok: false; issues: PlanTextIssue[] }
  | {
      ok: true;
      plan: Array<{ field: "title" | "mission" | "vision" | "values"; kind: ChangeKind }>;
      domains: Array<{
        slug: string;
        name: string;
        kind: ChangeKind;
        objectives: Array<{ slug: string; position: number; text: string; kind: ChangeKind; line: number }>;
      }>;
      counts: Record<ChangeKind, number>;
    };

function parse(text: string): { parsed: ParsedPlan } | { issues: PlanTextIssue[] } {
  try {
    return { parsed: parsePlanText(text) };
  } catch (error) {
    if (error instanceof PlanTextError) return { issues: error.issues };
    throw error;
  }
}

/**
 * What an import would do, without doing it: per domain and objective whether it would be added,
 * changed or stay the same; or every line-numbered problem in the text.
 */
export async function previewPlanImport(db: Kysely<DB>, text: string): Promise<ImportPreview> {
  const result = parse(text);
  if ("issues" in result) return { ok: false, issues: result.issues };
  const { parsed } = result;
  const plan = await findCurrentPlan(db);
  const counts: Record<ChangeKind, number> = { added: 0, changed: 0, unchanged: 0 };
  const kindOf = (exists: boolean, same: boolean): ChangeKind => {
    const kind: ChangeKind = !exists ? "added" : same ? "unchanged" : "changed";
    counts[kind] += 1;
    return kind;
  };
  const planFields = (["title", "mission", "vision", "values"] as const).map((field) => ({
    field,
    kind: kindOf(plan !== undefined, plan ? JSON.stringify(plan[field]) === JSON.stringify(parsed[field]) : false),
  }));
  // Only the current cycle's plan: an archived cycle's domains never take part in an update.
  const domainRows = plan ? await db.selectFrom("domains").selectAll().where("plan_id", "=", plan.id).execute() : [];
  const objectiveRows =
    domainRows.length === 0
      ? []
      : await db
          .selectFrom("objectives")
          .selectAll()
          .where(
            "domain_id",
            "in",
            domainRows.map((d) => d.id),
          )
          .execute();
  const domains = parsed.domains.map((domain, domainIndex) => {
    const row = domainRows.find((d) => d.slug === domain.slug);
    const objectives = domain.objectives.map((objective, index) => {
      const slug = `${domain.slug}-${index + 1}`;
      const existing = objectiveRows.find((o) => o.slug === slug);
      const same = existing !== undefined && existing.text === objective.text && existing.is_urgent === objective.isUrgent && existing.position === index + 1;
      return { slug, position: index + 1, text: objective.text, kind: kindOf(existing !== undefined, same), line: objective.line };
    });
    const sameDomain = row !== undefined && row.name === domain.name && row.goal_statement === domain.goalStatement && row.position === domainIndex + 1;
    return { slug: domain.slug, name: domain.name, kind: kindOf(row !== undefined, sameDomain), objectives };
  });
  return { ok: true, plan: planFields, domains, counts };
}

/** Applies an import to the current plan (a new plan version when anything changed). */
export async function applyPlanImport(db: Kysely<DB>, actor: Actor, text: string): Promise<ImportSummary> {
  const result = parse(text);
  if ("issues" in result) {
    throw new AppError("BAD_REQUEST", {
      userMessage: `The plan text has ${result.issues.length} problem(s); nothing was imported.`,
      fieldErrors: { text: result.issues.map((i) => `Line ${i.line}: ${i.message}`) },
    });
  }
  const plan = await findCurrentPlan(db);
  return applyParsedPlan(db, result.parsed, { slug: plan?.slug, actorId: actor.id });
}
