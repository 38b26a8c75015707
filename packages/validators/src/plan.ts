import { z } from "zod";
import { ROLES } from "./domain/roles";
import { OBJECTIVE_STATUSES } from "./domain/statuses";
import { text } from "./text";

export const SlugSchema = text({ error: "Missing slug" })
  .trim()
  .min(1, "Missing slug")
  .max(100, "A slug has at most 100 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A slug has lower-case letters, digits and dashes only");

export const BySlugSchema = z.object({ slug: SlugSchema });
export type BySlugInput = z.infer<typeof BySlugSchema>;

export const RoleSchema = z.enum(ROLES);

export const ObjectiveStatusSchema = z.enum(OBJECTIVE_STATUSES, { error: "Choose a status from the list" });
