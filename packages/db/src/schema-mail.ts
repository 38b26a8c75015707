import type { ColumnType, Generated, Selectable } from "kysely";

export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "reset_password"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

export interface AccountTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: AccountTokenPurpose;
  /** Hex SHA-256 of the token mailed to the member; the token itself is never stored. */
  token_hash: string;
  email: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
}

export interface AccountTokenRequestsTable {
  id: Generated<number>;
  purpose: string;
  email_hash: string;
  ip_hash: string;
  created_at: Generated<Date>;
}

export interface MailTables {
  account_tokens: AccountTokensTable;
  account_token_requests: AccountTokenRequestsTable;
}

export type AccountToken = Selectable<AccountTokensTable>;
