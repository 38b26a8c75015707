import { readFileSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import { importPlan } from "@planpulse/core";
import { PLAN_SEED_PATH, type User } from "@planpulse/db";
import { createTestDatabase, testDrivers, type TestDatabase } from "@planpulse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { callerAs, makeUser } from "./testing";

/**
 * The authorisation matrix, generated from the router: every procedure × every persona must match
 * the rules table below. A procedure without a rule fails the test, so new procedures must be
 * listed here by whoever adds them.
 */
const PERSONAS = ["anonymous", "member", "suspended", "suspendedAdmin", "moderator", "staffOwn", "staffOther", "leader", "admin"] as const;
type Persona = (typeof PERSONAS)[number];

const ALL: Persona[] = [...PERSONAS];
const SIGNED_IN: Persona[] = ALL.filter((p) => p !== "anonymous");
/** Signed in and not suspended: member mutations. A suspended account of any role has no role powers at all. */
const ACTIVE: Persona[] = SIGNED_IN.filter((p) => p !== "suspended" && p !== "suspendedAdmin");
const MODERATION: Persona[] = ["moderator", "admin"];
const STAFF: Persona[] = ["staffOwn", "staffOther", "admin"];
/** Staff of the objective's own domain (the fixtures' objective is in the "own" domain). */
const STAFF_OWN_DOMAIN: Persona[] = ["staffOwn", "admin"];
const LEADERSHIP: Persona[] = ["leader", "admin"];
const ADMIN: Persona[] = ["admin"];
const WORKSPACE: Persona[] = ["moderator", "staffOwn", "staffOther", "leader", "admin"];

/**
 * Real records in the "own" domain, so that objective- and domain-scoped procedures get past input
 * validation and lookups to their domain check. A mutation that can happen only once (retiring a
 * milestone) has a record per persona.
 */
type Fixtures = {
  objectiveId: number;
  objectiveSlug: string;
  domainSlug: string;
  milestoneId: number;
  commentId: number;
  retireMilestoneIds: Record<Persona, number>;
};
type Rule = { allow: Persona[]; input?: (f: Fixtures, persona: Persona) => unknown };

/** Not a valid input for any procedure that declares one: allowed personas get BAD_REQUEST, no change is made. */
const INVALID = "\u0000not a valid input";

const RULES: Record<string, Rule> = {
  // foundation
  "auth.signUp": { allow: ALL },
  "auth.signIn": { allow: ALL },
  "auth.signOut": { allow: ALL },
  "auth.changePassword": { allow: ACTIVE },
  "auth.verificationLink": { allow: ALL },
  "auth.verifyEmail": { allow: ALL },
  "auth.resendVerification": { allow: ACTIVE },
  "auth.requestPasswordReset": { allow: ALL },
  "auth.resetLink": { allow: ALL },
  "auth.resetPassword": { allow: ALL },
  "me.get": { allow: ALL },
  "plan.get": { allow: ALL },
  "plan.cycles": { allow: ALL },
  "plan.cycle": { allow: ALL },
  "plan.compareCycles": { allow: LEADERSHIP },
  "domain.list": { allow: ALL },
  "domain.get": { allow: ALL, input: (f) => ({ slug: f.domainSlug }) },
  "objective.get": { allow: ALL, input: (f) => ({ slug: f.objectiveSlug }) },
  "workspace.overview": { allow: WORKSPACE },
  // engagement and account
  "vote.toggle": { allow: ACTIVE },
  "priority.mine": { allow: SIGNED_IN },
  "priority.set": { allow: ACTIVE },
  "priority.save": { allow: ACTIVE },
  "stance.set": { allow: ACTIVE },
  "engagement.figures": { allow: ALL },
  "account.activity": { allow: SIGNED_IN },
  "account.profile": { allow: SIGNED_IN },
  "account.updateProfile": { allow: ACTIVE },
  "account.export": { allow: SIGNED_IN },
  "account.changeEmail": { allow: ACTIVE },
  "account.delete": { allow: SIGNED_IN },
  "account.changeHandle": { allow: ACTIVE },
  // comments and search
  "comment.list": { allow: ALL, input: (f) => ({ objectiveSlug: f.objectiveSlug }) },
  "comment.history": { allow: ALL, input: (f) => ({ commentId: f.commentId }) },
  "comment.mentionSuggestions": { allow: SIGNED_IN, input: () => ({ prefix: "ad" }) },
  "comment.memberByHandle": { allow: ALL, input: () => ({ handle: "nobody-at-all" }) },
  "comment.create": { allow: ACTIVE },
  "comment.update": { allow: ACTIVE },
  "comment.delete": { allow: ACTIVE },
  "comment.flag": { allow: ACTIVE },
  "search.plan": { allow: ALL },
  // insight
  "insight.dashboard": { allow: LEADERSHIP },
  "insight.objective": { allow: LEADERSHIP, input: (f) => ({ slug: f.objectiveSlug }) },
  "insight.exportCsv": { allow: LEADERSHIP },
  "insight.exportComments": { allow: LEADERSHIP },
  "insight.publicDashboard": { allow: ALL },
  // moderation, responses, notifications
  "moderation.queue": { allow: MODERATION },
  "moderation.restrictions": { allow: MODERATION },
  "moderation.log": { allow: MODERATION },
  "moderation.approve": { allow: MODERATION },
  "moderation.hide": { allow: MODERATION },
  "moderation.restore": { allow: MODERATION },
  "moderation.lock": { allow: MODERATION },
  "moderation.suspend": { allow: MODERATION },
  "moderation.reinstate": { allow: MODERATION },
  "moderation.settings": { allow: MODERATION },
  "moderation.updateSettings": { allow: MODERATION },
  "response.queue": { allow: STAFF_OWN_DOMAIN, input: (f) => ({ domainSlug: f.domainSlug }) },
  "response.objectives": { allow: STAFF },
  "response.reply": { allow: STAFF_OWN_DOMAIN, input: (f, persona) => ({ commentId: f.commentId, body: `Matrix reply from ${persona}.` }) },
  "response.official": { allow: STAFF_OWN_DOMAIN, input: (f) => ({ objectiveSlug: f.objectiveSlug, body: "Authorisation matrix check." }) },
  "response.times": { allow: STAFF },
  "response.timesForLeadership": { allow: LEADERSHIP },
  // live pages' event streams (authorised like the pages they serve; a suspended account sees no page)
  "live.objective": { allow: ALL.filter((p) => p !== "suspended" && p !== "suspendedAdmin"), input: (f) => ({ slug: f.objectiveSlug }) },
  "live.moderationQueue": { allow: MODERATION },
  "live.responseQueue": { allow: STAFF },
  "notification.list": { allow: SIGNED_IN },
  "notification.unreadCount": { allow: ALL },
  "notification.markRead": { allow: ACTIVE },
  "notification.follow": { allow: ACTIVE },
  "notification.settings": { allow: SIGNED_IN },
  "notification.updateSettings": { allow: ACTIVE, input: () => ({ preferences: { progress: "daily" } }) },
  "notification.alertSettings": { allow: MODERATION },
  "notification.updateAlertSettings": { allow: MODERATION, input: () => ({ cadence: "immediate" }) },
  "notification.sendDueNow": { allow: ADMIN },
  "notification.unsubscribeCheck": { allow: ALL, input: () => ({ token: "v1.1.all.1.forged" }) },
  "notification.unsubscribe": { allow: ALL, input: () => ({ token: "v1.1.all.1.forged" }) },
  // progress
  "progress.board": { allow: STAFF },
  "progress.objective": { allow: STAFF_OWN_DOMAIN, input: (f) => ({ slug: f.objectiveSlug }) },
  "progress.bulkUpdate": {
    allow: STAFF_OWN_DOMAIN,
    // The objective's current values: allowed callers save nothing.
    input: (f) => ({ rows: [{ objectiveId: f.objectiveId, status: "not_started", percentComplete: 0 }] }),
  },
  "progress.postUpdate": { allow: STAFF_OWN_DOMAIN, input: (f) => ({ objectiveId: f.objectiveId, body: "Matrix check." }) },
  "progress.addMilestone": { allow: STAFF_OWN_DOMAIN, input: (f) => ({ objectiveId: f.objectiveId, title: "Matrix milestone" }) },
  "progress.updateMilestone": { allow: STAFF_OWN_DOMAIN, input: (f) => ({ milestoneId: f.milestoneId, title: "Matrix milestone", done: false }) },
  "progress.retireMilestone": { allow: STAFF_OWN_DOMAIN, input: (f, persona) => ({ milestoneId: f.retireMilestoneIds[persona] }) },
  "progress.timeline": { allow: ALL, input: (f) => ({ slug: f.objectiveSlug }) },
  // plan editing
  "planAdmin.get": { allow: ADMIN },
  "planAdmin.updateStatement": { allow: ADMIN },
  "planAdmin.updateDomainGoal": { allow: ADMIN },
  "planAdmin.updateObjective": { allow: ADMIN },
  "planAdmin.addObjective": { allow: ADMIN },
  "planAdmin.moveObjective": { allow: ADMIN },
  "planAdmin.retireObjective": { allow: ADMIN },
  "planAdmin.restoreObjective": { allow: ADMIN },
  "planAdmin.previewImport": { allow: ADMIN },
  "planAdmin.applyImport": { allow: ADMIN },
  "planAdmin.addDomain": { allow: ADMIN },
  "planAdmin.renameDomain": { allow: ADMIN },
  "planAdmin.moveDomain": { allow: ADMIN },
  "planAdmin.retireDomain": { allow: ADMIN },
  "planAdmin.restoreDomain": { allow: ADMIN },
  "planAdmin.previewNewCycle": { allow: ADMIN },
  "planAdmin.startNewCycle": { allow: ADMIN },
  "profileQuestion.list": { allow: ADMIN },
  "profileQuestion.save": { allow: ADMIN },
  "profileQuestion.move": { allow: ADMIN },
  "profileQuestion.setRetired": { allow: ADMIN },
  "profileQuestion.saveOption": { allow: ADMIN },
  "profileQuestion.setOptionRetired": { allow: ADMIN },
  "profileQuestion.deleteOption": { allow: ADMIN },
  "organisation.get": { allow: ALL },
  "organisation.logo": { allow: ALL },
  "organisation.update": { allow: ADMIN },
  "organisation.setLogo": { allow: ADMIN },
  "organisation.removeLogo": { allow: ADMIN },
  // people
  "people.list": { allow: ADMIN },
  "people.changeRole": { allow: ADMIN },
  "people.suspend": { allow: ADMIN },
  "people.reinstate": { allow: ADMIN },
  "people.assignDomains": { allow: ADMIN },
  "people.invite": { allow: ADMIN },
  "people.invitations": { allow: ADMIN },
  "people.outbox": { allow: ADMIN },
  "people.invitation": { allow: ALL },
  "people.acceptInvitationNew": { allow: ALL },
  "people.acceptInvitationExisting": { allow: ALL },
  // member import (sso branch); the fixture's import number does not exist: allowed callers get NOT_FOUND / CONFLICT
  "memberImport.check": { allow: ADMIN },
  "memberImport.start": { allow: ADMIN, input: () => ({ importId: 999_999 }) },
  "memberImport.status": { allow: ADMIN, input: () => ({ importId: 999_999 }) },
  // audit
  "audit.list": { allow: LEADERSHIP },
  "audit.csv": { allow: LEADERSHIP },
};

type AnyProcedure = { _def: { type: "query" | "mutation" | "subscription" } };
// At run time `_def.procedures` is flat, keyed by dotted path ("progress.bulkUpdate").
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

function procedureOf(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  let node = caller as Record<string, unknown>;
  for (const part of path.split(".")) node = node[part] as Record<string, unknown>;
  return node as unknown as (input: unknown) => Promise<unknown>;
}

describe("the authorisation rules table", () => {
  it("has a rule for every procedure, and no rule for a procedure that is gone", () => {
    const missing = Object.keys(procedures)
      .filter((path) => !(path in RULES))
      .map((path) => `add a rule for ${path}`);
    const stale = Object.keys(RULES)
      .filter((path) => !(path in procedures))
      .map((path) => `remove the rule for ${path}`);
    expect([...missing, ...stale]).toEqual([]);
  });
});

describe.each(testDrivers())("authorisation matrix on %s", (driver) => {
  let database: TestDatabase;
  let users: Record<Exclude<Persona, "anonymous">, User>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await importPlan(database.db, readFileSync(PLAN_SEED_PATH, "utf8"));
    users = {
      member: await makeUser(database),
      suspended: await makeUser(database, { suspended: true }),
      suspendedAdmin: await makeUser(database, { role: "admin", suspended: true }),
      moderator: await makeUser(database, { role: "moderator" }),
      staffOwn: await makeUser(database, { role: "staff" }),
      staffOther: await makeUser(database, { role: "staff" }),
      leader: await makeUser(database, { role: "leader" }),
      admin: await makeUser(database, { role: "admin" }),
    };
    const domains = await database.db.selectFrom("domains").select(["id", "slug"]).orderBy("position").execute();
    await database.db
      .insertInto("staff_domain_assignments")
      .values([
        { user_id: users.staffOwn.id, domain_id: domains[0]!.id },
        { user_id: users.staffOther.id, domain_id: domains[1]!.id },
      ])
      .execute();
    const objective = await database.db
      .selectFrom("objectives")
      .select(["id", "slug"])
      .where("domain_id", "=", domains[0]!.id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const milestones = await database.db
      .insertInto("milestones")
      .values(["shared", ...PERSONAS].map((name) => ({ objective_id: objective.id, title: `Matrix milestone (${name})` })))
      .returning("id")
      .execute();
    const comment = await (
      await callerAs(database, users.member)
    ).comment.create({ objectiveSlug: objective.slug, body: "A member's comment for the matrix." });
    fixtures = {
      objectiveId: objective.id,
      objectiveSlug: objective.slug,
      domainSlug: domains[0]!.slug,
      milestoneId: milestones[0]!.id,
      commentId: comment.id,
      retireMilestoneIds: Object.fromEntries(PERSONAS.map((persona, index) => [persona, milestones[index + 1]!.id])) as Record<Persona, number>,
    };
  }, 180_000);
  afterAll(() => database.dispose());

  it("allows and denies exactly as the rules say", async () => {
    const mismatches: string[] = [];
    for (const [path, procedure] of Object.entries(procedures)) {
      const rule = RULES[path];
      if (!rule) continue; // reported by the rules-table test
      for (const persona of PERSONAS) {
        const caller = await callerAs(database, persona === "anonymous" ? null : users[persona]);
        const input = rule.input ? rule.input(fixtures, persona) : procedure._def.type === "mutation" ? INVALID : undefined;
        const code = await outcome(() => procedureOf(caller, path)(input));
        const denied = code === "UNAUTHORIZED" || code === "FORBIDDEN";
        const expected = rule.allow.includes(persona) ? "allowed" : persona === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
        // A 500 is never an answer, whoever asks.
        const ok = code !== "INTERNAL_SERVER_ERROR" && (expected === "allowed" ? !denied : code === expected);
        if (!ok) mismatches.push(`${path} as ${persona}: expected ${expected}, got ${code}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
