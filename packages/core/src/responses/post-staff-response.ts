import type { Comment, DB, Kysely } from "@planpulse/db";
import { appendAudit } from "../audit/append-audit";
import { markObjectiveFirstStaffResponse, recordFirstResponse } from "./response-timings";
import type { OfficialResponseInput, StaffReplyInput } from "@planpulse/validators";
import { createComment } from "../comments/create-comment";
import { AppError } from "../errors";
import { notifyOfficialResponse, notifyStaffReply } from "../notifications/notify";
import { assertCanManageDomain, type Actor } from "../progress/domain-scope";

const DOUBLE_SUBMIT_WINDOW_MS = 60_000;

/** The same text by the same person in the same place a moment ago is a double submit, not a new response. */
async function assertNotDoubleSubmit(db: Kysely<DB>, actorId: number, where: { objectiveId: number; parentId: number | null }, body: string) {
  let recent = db
    .selectFrom("comments")
    .select("id")
    .where("author_id", "=", actorId)
    .where("objective_id", "=", where.objectiveId)
    .where("body", "=", body)
    .where("created_at", ">", new Date(Date.now() - DOUBLE_SUBMIT_WINDOW_MS));
  recent = where.parentId === null ? recent.where("parent_id", "is", null) : recent.where("parent_id", "=", where.parentId);
  if (await recent.executeTakeFirst()) {
    throw new AppError("CONFLICT", { userMessage: "You just posted this response; it was not posted twice." });
  }
}

/** A staff reply to a member's comment, counted once as that comment's first staff response. */
export async function postStaffReply(db: Kysely<DB>, actor: Actor, input: StaffReplyInput): Promise<{ id: number; objectiveSlug: string }> {
  const target = await db
    .selectFrom("comments as c")
    .innerJoin("objectives as o", "o.id", "c.objective_id")
    .select(["c.id", "c.parent_id", "c.objective_id", "c.deleted_at", "c.status", "o.domain_id", "o.slug", "o.retired_at"])
    .where("c.id", "=", input.commentId)
    .executeTakeFirst();
  if (!target || target.retired_at) throw new AppError("NOT_FOUND", { userMessage: "We could not find that comment." });
  await assertCanManageDomain(db, actor, target.domain_id);
  const topLevelId = target.parent_id ?? target.id;
  await assertNotDoubleSubmit(db, actor.id, { objectiveId: target.objective_id, parentId: topLevelId }, input.body);

  const reply = await createComment(db, { authorId: actor.id, objectiveId: target.objective_id, parentId: target.id, body: input.body, kind: "staff_reply" });

  const parent = await db
    .selectFrom("comments")
    .selectAll()
    .where("id", "=", reply.parent_id ?? topLevelId)
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    if (parent.kind === "member") {
      await recordFirstResponse(trx, {
        commentId: parent.id,
        objectiveId: parent.objective_id,
        responseId: reply.id,
        responderId: actor.id,
        commentCreatedAt: parent.created_at,
        respondedAt: reply.created_at,
      });
    }
    await markObjectiveFirstStaffResponse(trx, parent.objective_id, reply.created_at);
    await appendAudit(trx, {
      actorId: actor.id,
      action: "comment.staff_reply",
      targetType: "comment",
      targetId: reply.id,
      after: { parentId: parent.id, objectiveId: parent.objective_id },
    });
  });
  await notifyStaffReply(db, { objectiveId: parent.objective_id, replyId: reply.id, parentAuthorId: parent.author_id, actorId: actor.id });
  return { id: reply.id, objectiveSlug: target.slug };
}

/** An official response, pinned at the top of the objective's discussion; followers are notified. */
export async function postOfficialResponse(db: Kysely<DB>, actor: Actor, input: OfficialResponseInput): Promise<{ id: number; objectiveSlug: string }> {
  const objective = await db
    .selectFrom("objectives")
    .select(["id", "slug", "domain_id"])
    .where("slug", "=", input.objectiveSlug)
    .where("retired_at", "is", null)
    .executeTakeFirst();
  if (!objective) {
    throw new AppError("NOT_FOUND", {
      userMessage: "We could not find that objective.",
      fieldErrors: { objectiveSlug: ["Choose an objective from the list."] },
    });
  }
  await assertCanManageDomain(db, actor, objective.domain_id);
  await assertNotDoubleSubmit(db, actor.id, { objectiveId: objective.id, parentId: null }, input.body);

  const response: Comment = await createComment(db, { authorId: actor.id, objectiveId: objective.id, body: input.body, kind: "official_response" });

  await db.transaction().execute(async (trx) => {
    await markObjectiveFirstStaffResponse(trx, objective.id, response.created_at);
    await appendAudit(trx, {
      actorId: actor.id,
      action: "comment.official_response",
      targetType: "comment",
      targetId: response.id,
      after: { objectiveId: objective.id },
    });
  });
  await notifyOfficialResponse(db, { objectiveId: objective.id, responseId: response.id, actorId: actor.id });
  return { id: response.id, objectiveSlug: objective.slug };
}
