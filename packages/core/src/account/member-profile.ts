import { appendAudit, findMemberProfile, upsertMemberProfile, type DB, type Kysely } from "@planpulse/db";
import type { MemberProfileValues } from "@planpulse/validators";

export type MemberProfileView = MemberProfileValues & { updatedAt: string | null };

const EMPTY: MemberProfileView = {
  memberType: null,
  careerStage: null,
  libraryType: null,
  divisions: [],
  roundTables: [],
  state: null,
  updatedAt: null,
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
  };
}

/** Saves the optional segment fields; they are only ever reported in aggregates of five or more members. */
export async function updateMemberProfile(db: Kysely<DB>, userId: number, input: MemberProfileValues): Promise<MemberProfileView> {
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
