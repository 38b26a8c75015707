import { z } from "zod";
import { text } from "./text";
import { DisplayNameSchema, EmailSchema, PasswordSchema } from "./auth";
import { ObjectiveStatusSchema, RoleSchema } from "./plan";

/** A positive database id, from a number or a form string. */
export const IdSchema = z.coerce
  .number({ error: "Choose an item from the list" })
  .int("Choose an item from the list")
  .positive("Choose an item from the list")
  .max(2_147_483_647, "Choose an item from the list");

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const PercentSchema = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: "Enter a whole number from 0 to 100" })
    .refine((n) => Number.isFinite(n), "Enter a whole number from 0 to 100")
    .pipe(z.number().int("Enter a whole number from 0 to 100").min(0, "Enter a number from 0 to 100").max(100, "Enter a number from 0 to 100")),
);

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** "YYYY-MM-DD", a real calendar day between the years 2000 and 2100. */
export const CalendarDateSchema = text({ error: "Enter a date as YYYY-MM-DD" })
  .trim()
  .refine(isCalendarDate, "Enter a real date as YYYY-MM-DD, like 2027-03-31")
  .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "Enter a date between the years 2000 and 2100");

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

// ---- progress ----

export const ProgressRowSchema = z.object({
  objectiveId: IdSchema,
  status: ObjectiveStatusSchema,
  percentComplete: PercentSchema,
});
export const BulkProgressSchema = z.object({
  rows: z.array(ProgressRowSchema).min(1, "There is nothing to save").max(500, "Save at most 500 objectives at once"),
});
export type BulkProgressInput = z.infer<typeof BulkProgressSchema>;

export const ProgressUpdateBodySchema = text({ error: "Write the update" })
  .trim()
  .min(1, "Write the update")
  .max(2_000, "An update has at most 2,000 characters");
/** One form, one save: the update's text and, when given, the objective's new status and percent. */
export const PostProgressUpdateSchema = z.object({
  objectiveId: IdSchema,
  body: ProgressUpdateBodySchema,
  status: ObjectiveStatusSchema.optional(),
  percentComplete: PercentSchema.optional(),
});
export type PostProgressUpdateInput = z.infer<typeof PostProgressUpdateSchema>;

const MilestoneTitleSchema = text({ error: "Name the milestone" }).trim().min(1, "Name the milestone").max(300, "Use at most 300 characters");
const OptionalDueDateSchema = z.preprocess(blankToUndefined, CalendarDateSchema.optional());

export const AddMilestoneSchema = z.object({
  objectiveId: IdSchema,
  title: MilestoneTitleSchema,
  dueDate: OptionalDueDateSchema,
  done: checkbox.optional().default(false),
});
export type AddMilestoneInput = z.infer<typeof AddMilestoneSchema>;
export const UpdateMilestoneSchema = z.object({
  milestoneId: IdSchema,
  title: MilestoneTitleSchema,
  dueDate: OptionalDueDateSchema,
  done: checkbox.optional().default(false),
});
export type UpdateMilestoneInput = z.infer<typeof UpdateMilestoneSchema>;
export const MilestoneIdSchema = z.object({ milestoneId: IdSchema });
export const ObjectiveIdSchema = z.object({ objectiveId: IdSchema });

// ---- audit ----

export const AuditFilterSchema = z
  .object({
    actorId: z.preprocess(blankToUndefined, IdSchema.optional()),
    action: z.preprocess(blankToUndefined, text().trim().max(100, "Use at most 100 characters").optional()),
    from: z.preprocess(blankToUndefined, CalendarDateSchema.optional()),
    to: z.preprocess(blankToUndefined, CalendarDateSchema.optional()),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).catch(1).default(1)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be on or before the end date", path: ["to"] });
export type AuditFilterInput = z.input<typeof AuditFilterSchema>;
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

// ---- plan editing ----

export const PlanStatementSchema = z.object({
  mission: text({ error: "Write the mission" }).trim().min(1, "Write the mission").max(5_000, "Use at most 5,000 characters"),
  vision: text({ error: "Write the vision" }).trim().min(1, "Write the vision").max(5_000, "Use at most 5,000 characters"),
  values: text({ error: "List the values, one per line" })
    .max(10_000, "Use at most 10,000 characters")
    .transform((text) =>
      text
        .split(/\r\n|\r|\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ""),
    )
    .pipe(z.array(text().max(300, "A value has at most 300 characters")).max(30, "List at most 30 values")),
});
export type PlanStatementInput = z.input<typeof PlanStatementSchema>;

export const DomainGoalSchema = z.object({
  domainId: IdSchema,
  goalStatement: text({ error: "Write the goal statement" }).trim().min(1, "Write the goal statement").max(2_000, "Use at most 2,000 characters"),
});
const ObjectiveTextSchema = text({ error: "Write the objective" }).trim().min(3, "Write at least 3 characters").max(1_000, "Use at most 1,000 characters");
export const EditObjectiveSchema = z.object({ objectiveId: IdSchema, text: ObjectiveTextSchema, isUrgent: checkbox.optional().default(false) });
export const AddObjectiveSchema = z.object({ domainId: IdSchema, text: ObjectiveTextSchema, isUrgent: checkbox.optional().default(false) });
export const MoveObjectiveSchema = z.object({ objectiveId: IdSchema, direction: z.enum(["up", "down"], { error: "Choose up or down" }) });
export const RetireObjectiveSchema = z.object({
  objectiveId: IdSchema,
  reason: z.preprocess(blankToUndefined, text().trim().max(500, "Use at most 500 characters").optional()),
});
export const PlanImportSchema = z.object({
  text: text({ error: "Paste the plan text" }).min(1, "Paste the plan text").max(200_000, "The text is longer than 200,000 characters"),
});

// ---- plan cycles and domains (decision 024) ----

const PlanTextSchema = PlanImportSchema.shape.text;
export const CycleNameSchema = text({ error: "Name the cycle" }).trim().min(2, "Write at least 2 characters").max(120, "Use at most 120 characters");
/** A cycle's slug is part of its URL (/plans/<slug>): lower-case letters, digits and dashes. */
export const CycleSlugSchema = text({ error: "Give the cycle a short web name" })
  .trim()
  .min(2, "Use at least 2 characters")
  .max(60, "Use at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes only (for example 2027-2030)");
export const CycleSlugParamSchema = z.object({ cycleSlug: CycleSlugSchema });
/** Which new objective (by its key from the preview) continues which objective of the current cycle. */
export const CarryOverLinkSchema = z.object({
  key: text().trim().min(1).max(200, "Use at most 200 characters"),
  fromObjectiveId: IdSchema,
});
export const NewCyclePreviewSchema = z.object({ text: PlanTextSchema, cycleName: CycleNameSchema, cycleSlug: CycleSlugSchema });
export const NewCycleImportSchema = NewCyclePreviewSchema.extend({
  /** The active cycle the preview was made against: a second import started meanwhile is refused. */
  expectedCycleId: IdSchema,
  links: z.array(CarryOverLinkSchema).max(1_000, "At most 1,000 links"),
});
export const CompareCyclesSchema = z.object({ a: CycleSlugSchema, b: CycleSlugSchema });

const DomainNameSchema = text({ error: "Name the domain" }).trim().min(2, "Write at least 2 characters").max(200, "Use at most 200 characters");
export const AddDomainSchema = z.object({
  name: DomainNameSchema,
  goalStatement: text({ error: "Write the goal statement" }).trim().min(1, "Write the goal statement").max(2_000, "Use at most 2,000 characters"),
});
export const RenameDomainSchema = z.object({ domainId: IdSchema, name: DomainNameSchema });
export const MoveDomainSchema = z.object({ domainId: IdSchema, direction: z.enum(["up", "down"], { error: "Choose up or down" }) });
export const RetireDomainSchema = z.object({
  domainId: IdSchema,
  reason: z.preprocess(blankToUndefined, text().trim().max(500, "Use at most 500 characters").optional()),
});
export const DomainIdSchema = z.object({ domainId: IdSchema });

// ---- people ----

export const PeopleSearchSchema = z.object({
  q: z.preprocess(blankToUndefined, text().trim().max(200, "Use at most 200 characters").optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).catch(1).default(1)),
});
export const ChangeRoleSchema = z.object({ userId: IdSchema, role: RoleSchema });
// Suspend and reinstate take SuspendMemberSchema / ReinstateMemberSchema (moderation.ts): one schema per action.
export const AssignDomainsSchema = z.object({ userId: IdSchema, domainIds: z.array(IdSchema).max(50) });
export const InviteSchema = z.object({ email: EmailSchema, role: RoleSchema.exclude(["member"], { error: "Choose a staff role" }) });
export const InvitationTokenSchema = z.object({
  token: text()
    .trim()
    .regex(/^[a-z2-7]{20,64}$/, "This invitation link is not valid"),
});
export const AcceptInvitationNewSchema = InvitationTokenSchema.extend({ displayName: DisplayNameSchema, password: PasswordSchema });
export const AcceptInvitationExistingSchema = InvitationTokenSchema.extend({
  password: text({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
});

/** The outbox page: every message, or one status ("dead" is the dead-letter view). */
export const OUTBOX_STATUSES = ["queued", "sent", "kept", "dead"] as const;
export const OutboxFilterSchema = z.object({ status: z.enum(OUTBOX_STATUSES).optional().catch(undefined) }).optional();
