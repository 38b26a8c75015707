import { z } from "zod";
import { PRIORITY_POINTS_BUDGET, PRIORITY_POINTS_PER_OBJECTIVE } from "./domain/limits";
import { STANCE_CHOICE_TEXT, STANCES } from "./domain/stances";
import { text } from "./text";

export const StanceSchema = z.enum(STANCES, { error: `Choose ${STANCE_CHOICE_TEXT}` });
export type StanceInput = z.infer<typeof StanceSchema>;

const objectiveIdField = z
  .number({ error: "Choose an objective" })
  .int("Choose an objective")
  .positive("Choose an objective")
  .max(2_147_483_647, "Choose an objective");

export const ByObjectiveSchema = z.object({ objectiveId: objectiveIdField });
export type ByObjectiveInput = z.infer<typeof ByObjectiveSchema>;

export const ToggleSupportSchema = z.object({
  objectiveId: objectiveIdField,
  /** The state wanted; left out, the current state flips. */
  supported: z.boolean({ error: "Say whether you support this objective" }).optional(),
});
export type ToggleSupportInput = z.infer<typeof ToggleSupportSchema>;

export const SetStanceSchema = z.object({ objectiveId: objectiveIdField, stance: StanceSchema });
export type SetStanceFormInput = z.infer<typeof SetStanceSchema>;

export const PriorityPointsSchema = z
  .number({ error: `Enter a whole number from 0 to ${PRIORITY_POINTS_PER_OBJECTIVE}` })
  .int(`Enter a whole number from 0 to ${PRIORITY_POINTS_PER_OBJECTIVE}`)
  .min(0, "Points cannot be negative")
  .max(PRIORITY_POINTS_PER_OBJECTIVE, `At most ${PRIORITY_POINTS_PER_OBJECTIVE} points on one objective`);

export const SetPriorityPointsSchema = z.object({ objectiveId: objectiveIdField, points: PriorityPointsSchema });
export type SetPriorityPointsInput = z.infer<typeof SetPriorityPointsSchema>;

export function overBudgetMessage(spent: number): string {
  return `You have ${PRIORITY_POINTS_BUDGET} points; this spends ${spent}. Take ${spent - PRIORITY_POINTS_BUDGET} off somewhere.`;
}

/** The whole allocation from /priorities; objectives left out get 0 points. */
export const SavePrioritiesSchema = z
  .object({
    allocations: z.array(z.object({ objectiveId: objectiveIdField, points: PriorityPointsSchema })).max(200, "Too many objectives in one form"),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<number>();
    for (const [index, allocation] of value.allocations.entries()) {
      if (seen.has(allocation.objectiveId)) {
        ctx.addIssue({ code: "custom", path: ["allocations", index, "objectiveId"], message: "Each objective appears once" });
      }
      seen.add(allocation.objectiveId);
    }
    const spent = value.allocations.reduce((sum, a) => sum + a.points, 0);
    if (spent > PRIORITY_POINTS_BUDGET) ctx.addIssue({ code: "custom", path: ["total"], message: overBudgetMessage(spent) });
  });
export type SavePrioritiesInput = z.infer<typeof SavePrioritiesSchema>;

/** The word a member without a password (SSO, imported) types to confirm deleting their account. */
export const DELETE_CONFIRMATION_WORD = "delete";

/**
 * A member with a password confirms with it; one without (signed in by SSO or imported) types
 * DELETE_CONFIRMATION_WORD instead. Which one applies is the account's to say (core checks it).
 */
export const DeleteAccountSchema = z.object({
  password: text().max(1000, "That password is too long").optional(),
  confirmation: text().max(100, "Type the word delete").optional(),
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;

export const DOMAIN_SORTS = ["plan", "supported", "discussed", "urgent"] as const;
export const DomainSortSchema = z.enum(DOMAIN_SORTS).catch("plan");
export type DomainSort = (typeof DOMAIN_SORTS)[number];
