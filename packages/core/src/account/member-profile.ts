import { appendAudit, findMemberProfile, upsertMemberProfile, type DB, type Kysely } from "@planpulse/db";
import type { MemberProfileValues } from "@planpulse/validators";
import { AppError } from "../errors";

/** `verified`: the fields (form names) whose answers came from the association and the member may not change. */
export type MemberProfileView = MemberProfileValues & { updatedAt: string | null; verified: Array<keyof MemberProfileValues> };

const FIELD_FOR_COLUMN: Record<string, keyof MemberProfileValues> = {
  member_type: "memberType",
  career_stage: "careerStage",
  library_type: "libraryType",
  divisions: "divisions",
  round_tables: "roundTables",
  state: "state",
};

export const VERIFIED_ANSWER_MESSAGE = "This answer comes from the association's records and can't be changed here. Contact the association to correct it.";

const EMPTY: MemberProfileView = {
  memberType: null,
  careerStage: null,
  libraryType: null,
  divisions: [],
  roundTables: [],
  state: null,
  updatedAt: null,
  verified: [],
};

export async function getMemberProfile(db: Kysely<DB>, userId: number): Promise<MemberProfileView> {
  const row = await findMemberProfile(db, userId);
  if (!row) return EMPTY;
  return {
    memberType: row.member_type as MemberProfileView["memberType"],
    careerStage: row.career_stage as MemberProfileView["careerStage"],
    libraryType: row.library_type as MemberProfileView["libraryType"],
    divisions: row.divisions as MemberProfileView["divisions"],
    roundTables: row.round_tables as MemberProfileView["roundTables"],
    state: row.state as MemberProfileView["state"],
    updatedAt: row.updated_at.toISOString(),
    verified: row.verified_fields.flatMap((column) => (FIELD_FOR_COLUMN[column] ? [FIELD_FOR_COLUMN[column]] : [])),
  };
}

/** Saves the optional segment fields; they are only ever reported in aggregates of five or more members. */
export async function updateMemberProfile(db: Kysely<DB>, userId: number, input: MemberProfileValues): Promise<MemberProfileView> {
  const current = await getMemberProfile(db, userId);
  const changedVerified = current.verified.filter((field) => JSON.stringify([current[field]].flat().sort()) !== JSON.stringify([input[field]].flat().sort()));
  if (changedVerified.length > 0) {
    throw new AppError("BAD_REQUEST", {
      userMessage: VERIFIED_ANSWER_MESSAGE,
      fieldErrors: Object.fromEntries(changedVerified.map((field) => [field, [VERIFIED_ANSWER_MESSAGE]])),
    });
  }
  await db.transaction().execute(async (trx) => {
    await upsertMemberProfile(trx, userId, {
      member_type: input.memberType,
      career_stage: input.careerStage,
      library_type: input.libraryType,
      divisions: input.divisions,
      round_tables: input.roundTables,
      state: input.state,
    });
    // The audit records that the profile changed, not the (personal) values.
    await appendAudit(trx, { actorId: userId, action: "member.profile_update", targetType: "user", targetId: userId });
  });
  return getMemberProfile(db, userId);
}
