import type { Role } from "@planpulse/db";

export const MODERATION_ROLES = ["moderator", "admin"] as const satisfies readonly Role[];
export const STAFF_ROLES = ["staff", "admin"] as const satisfies readonly Role[];
export const LEADER_ROLES = ["leader", "admin"] as const satisfies readonly Role[];
/** Everyone who may open the admin app at all. */
export const WORKSPACE_ROLES = ["moderator", "staff", "leader", "admin"] as const satisfies readonly Role[];

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  member: "Member",
  moderator: "Moderator",
  staff: "Staff",
  leader: "Leadership",
  admin: "Administrator",
};
