import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

import type { StanceValue } from "@planpulse/validators/domain";

export type { StanceValue };

export interface SupportVotesTable {
  id: Generated<number>;
  user_id: number;
  objective_id: number;
  created_at: Generated<Date>;
}

export interface PriorityAllocationsTable {
  user_id: number;
  objective_id: number;
  /** 1–5; an objective with no points has no row. */
  points: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StancesTable {
  id: Generated<number>;
  user_id: number;
  objective_id: number;
  stance: StanceValue;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Append-only: one row per change of stance (a trigger refuses UPDATE and DELETE). */
export interface StanceHistoryTable {
  id: Generated<number>;
  user_id: number;
  objective_id: number;
  stance: StanceValue;
  created_at: Generated<Date>;
}

export interface EngagementTables {
  support_votes: SupportVotesTable;
  priority_allocations: PriorityAllocationsTable;
  stances: StancesTable;
  stance_history: StanceHistoryTable;
}

export type SupportVote = Selectable<SupportVotesTable>;
export type PriorityAllocation = Selectable<PriorityAllocationsTable>;
export type NewPriorityAllocation = Insertable<PriorityAllocationsTable>;
export type Stance = Selectable<StancesTable>;
export type StanceHistoryEntry = Selectable<StanceHistoryTable>;
