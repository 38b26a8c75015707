import { sql, type DB, type Kysely, type Role } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { listAssignedDomainIds, replaceAssignedDomains } from "./domain-assignments";
import { AppError } from "../errors";
import type { Actor } from "../progress/domain-scope";
import { assertMayActOn, lockAccountForChange, refuseLastActiveAdmin, type AccountActor } from "./account-policy";

export const PEOPLE_PAGE_SIZE = 25;

export type PersonRow = {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  suspended: boolean;
  createdAt: string;
  domainIds: number[];
};

/** Members by name or email (case-insensitive substring), newest first, a page at a time. */
export async function searchPeople(db: Kysely<DB>, input: { q?: string | undefined; page: number }) {
  let base = db.selectFrom("users");
  if (input.q) {
    const pattern = `%${input.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb(sql`lower(display_name)`, "like", pattern), eb(sql`lower(email)`, "like", pattern)]));
  }
  const [count, users, domains] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(PEOPLE_PAGE_SIZE)
      .offset((input.page - 1) * PEOPLE_PAGE_SIZE)
      .execute(),
    db.selectFrom("domains").select(["id", "name"]).orderBy("position").execute(),
  ]);
  const assignments =
    users.length === 0
      ? []
      : await db
          .selectFrom("staff_domain_assignments")
          .selectAll()
          .where(
            "user_id",
            "in",
            users.map((u) => u.id),
          )
          .execute();
  const total = Number(count.n);
  return {
    people: users.map((u): PersonRow => ({
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      role: u.role,
      suspended: u.suspended_at !== null,
      createdAt: u.created_at.toISOString(),
      domainIds: assignments.filter((a) => a.user_id === u.id).map((a) => a.domain_id),
    })),
    domains,
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)),
  };
}

/** Changes an account's role; the account policy decides who may, and the plan always keeps an active administrator. */
export async function changeUserRole(db: Kysely<DB>, actor: AccountActor, input: { userId: number; role: Role }) {
  return db.transaction().execute(async (trx) => {
    const user = await lockAccountForChange(trx, input.userId);
    assertMayActOn(actor, user, "change_role");
    if (user.role === input.role) return { changed: false };
    if (input.role !== "admin") {
      await refuseLastActiveAdmin(
        trx,
        user,
        user.id === actor.id
          ? "You are the last administrator: make someone else an administrator before giving up the role."
          : "This is the last administrator; the plan would have nobody to run it.",
      );
    }
    await trx.updateTable("users").set({ role: input.role, updated_at: new Date() }).where("id", "=", user.id).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      action: "user.change_role",
      targetType: "user",
      targetId: user.id,
      before: { role: user.role },
      after: { role: input.role },
    });
    return { changed: true };
  });
}

/** Which domains a staff member reports progress for (replaces the whole set). */
export async function setStaffDomains(db: Kysely<DB>, actor: Actor, input: { userId: number; domainIds: number[] }) {
  const domainIds = [...new Set(input.domainIds)].sort((a, b) => a - b);
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "role"]).where("id", "=", input.userId).executeTakeFirst();
    if (!user) throw new AppError("NOT_FOUND", { userMessage: "There is no such account." });
    if (domainIds.length > 0) {
      const known = await trx.selectFrom("domains").select("id").where("id", "in", domainIds).execute();
      if (known.length !== domainIds.length) {
        throw new AppError("BAD_REQUEST", {
          userMessage: "One of the chosen domains does not exist.",
          fieldErrors: { domainIds: ["Choose domains from the list"] },
        });
      }
    }
    const current = (await listAssignedDomainIds(trx, user.id)).sort((a, b) => a - b);
    if (JSON.stringify(current) === JSON.stringify(domainIds)) return { changed: false };
    const before = await replaceAssignedDomains(trx, user.id, domainIds);
    await appendAudit(trx, {
      actorId: actor.id,
      action: "user.assign_domains",
      targetType: "user",
      targetId: user.id,
      before: { domainIds: before },
      after: { domainIds },
    });
    return { changed: true };
  });
}
