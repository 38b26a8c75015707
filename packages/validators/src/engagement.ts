import { z } from "zod";
import { STANCE_CHOICE_TEXT, STANCES } from "./domain/stances";

export const StanceSchema = z.enum(STANCES, { error: `Choose ${STANCE_CHOICE_TEXT}` });
export type StanceInput = z.infer<typeof StanceSchema>;

export const PRIORITY_POINTS_BUDGET = 10;
export const PRIORITY_POINTS_PER_OBJECTIVE = 5;

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
  .number({ error: "Enter a whole number from 0 to 5" })
  .int("Enter a whole number from 0 to 5")
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
    allocations: z
      .array(z.object({ objectiveId: objectiveIdField, points: PriorityPointsSchema }))
      .max(200, "Too many objectives in one form"),
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

// ── Member profile (optional segment fields) ──────────────────────────────────

export const MEMBER_TYPES = [
  "Personal member",
  "Student member",
  "Retired member",
  "Library support staff",
  "Trustee or friend of libraries",
  "International member",
  "Organizational representative",
] as const;
export const CAREER_STAGES = [
  "Student or in training",
  "Early career (under 5 years)",
  "Mid-career (5 to 15 years)",
  "Experienced (over 15 years)",
  "Retired",
] as const;
export const LIBRARY_TYPES = ["Academic", "Public", "School", "Special", "Government", "Tribal", "Not working in a library"] as const;
export const DIVISIONS = [
  "AASL (school librarians)",
  "ACRL (college and research libraries)",
  "ALSC (library service to children)",
  "Core (leadership, infrastructure, futures)",
  "PLA (public libraries)",
  "RUSA (reference and user services)",
  "United for Libraries (trustees, friends, foundations)",
  "YALSA (young adult library services)",
] as const;
export const ROUND_TABLES = [
  "Ethnic and Multicultural Information Exchange (EMIERT)",
  "Film and Media (FMRT)",
  "Games and Gaming (GameRT)",
  "Government Documents (GODORT)",
  "Graphic Novels and Comics (GNCRT)",
  "Intellectual Freedom (IFRT)",
  "International Relations (IRRT)",
  "Learning (LearnRT)",
  "Library History (LHRT)",
  "Library Instruction (LIRT)",
  "Library Support Staff (LSSRT)",
  "Maps and Geospatial Information (MAGIRT)",
  "New Members (NMRT)",
  "Rainbow (RRT)",
  "Retired Members (RMRT)",
  "Social Responsibilities (SRRT)",
  "Sustainability (SustainRT)",
] as const;
export const US_STATES = [
  "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "District of Columbia",
  "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
  "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
  "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
  "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
  "Washington", "West Virginia", "Wisconsin", "Wyoming", "American Samoa", "Guam", "Northern Mariana Islands",
  "Puerto Rico", "U.S. Virgin Islands", "Outside the United States",
] as const;

function optionalChoice<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: `Choose a ${what} from the list` }).nullable();
}

function choices<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .array(z.enum(values, { error: `Choose ${what} from the list` }))
    .max(values.length, `Choose ${what} from the list`)
    .transform((list) => [...new Set(list)]);
}

export const MemberProfileSchema = z.object({
  memberType: optionalChoice(MEMBER_TYPES, "member type"),
  careerStage: optionalChoice(CAREER_STAGES, "career stage"),
  libraryType: optionalChoice(LIBRARY_TYPES, "library type"),
  divisions: choices(DIVISIONS, "divisions"),
  roundTables: choices(ROUND_TABLES, "round tables"),
  state: optionalChoice(US_STATES, "state"),
});
export type MemberProfileInput = z.input<typeof MemberProfileSchema>;
export type MemberProfileValues = z.output<typeof MemberProfileSchema>;

export const DeleteAccountSchema = z.object({
  password: z.string({ error: "Enter your password to confirm" }).min(1, "Enter your password to confirm").max(1000, "That password is too long"),
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;

export const DOMAIN_SORTS = ["plan", "supported", "discussed", "urgent"] as const;
export const DomainSortSchema = z.enum(DOMAIN_SORTS).catch("plan");
export type DomainSort = (typeof DOMAIN_SORTS)[number];
