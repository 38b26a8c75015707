/** Every account has one role. Ordered from least to most power (OIDC role mapping keeps the highest). */
export const ROLES = ["member", "moderator", "staff", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Capitalised, for tables, choices and the user chip: "Leadership". */
export const ROLE_LABELS: Record<Role, string> = {
  member: "Member",
  moderator: "Moderator",
  staff: "Staff",
  leader: "Leadership",
  admin: "Administrator",
};

/** Inside a sentence: "invited as leadership". */
export const ROLE_WORDS: Record<Role, string> = {
  member: "member",
  moderator: "moderator",
  staff: "staff",
  leader: "leadership",
  admin: "administrator",
};

/** The roles an invitation may grant: every role with a place in the staff workspace. */
export const STAFF_WORKSPACE_ROLES = ["moderator", "staff", "leader", "admin"] as const satisfies readonly Role[];

/**
 * The role → capability policy: which roles may do what. The procedure builders in api
 * (moderatorProcedure, staffProcedure, …) and the admin navigation both read it.
 */
export const CAPABILITY_ROLES = {
  /** Open the staff workspace at all. */
  workspace: STAFF_WORKSPACE_ROLES,
  /** Work the moderation queue: hide, restore, suspend from it. */
  moderate: ["moderator", "admin"],
  /** Answer members and keep objectives' progress (domain-scoped for staff). */
  respond: ["staff", "admin"],
  /** Read leadership figures and the audit log. */
  lead: ["leader", "admin"],
  /** Edit the plan, people and settings. */
  administer: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITY_ROLES;

/** What a role who lacks the capability is told it would need ("This is for moderator accounts"). */
export const CAPABILITY_AUDIENCE: Record<Capability, string> = {
  workspace: "staff workspace",
  moderate: "moderator",
  respond: "staff",
  lead: "leadership",
  administer: "administrator",
};

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITY_ROLES[capability] as readonly Role[]).includes(role);
}

/** The staff workspace's sections, in navigation order, each shown to the roles with its capability. */
export const WORKSPACE_SECTIONS: readonly { path: string; label: string; capability: Capability }[] = [
  { path: "/moderation", label: "Moderation", capability: "moderate" },
  { path: "/responses", label: "Responses", capability: "respond" },
  { path: "/progress", label: "Progress", capability: "respond" },
  { path: "/plan", label: "Plan", capability: "administer" },
  { path: "/users", label: "People", capability: "administer" },
  { path: "/settings", label: "Settings", capability: "administer" },
  { path: "/dashboard", label: "Dashboard", capability: "lead" },
  { path: "/audit", label: "Audit log", capability: "lead" },
];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
