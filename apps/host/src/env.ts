import { SEED_SET_NAMES, type SeedSetName } from "@planpulse/db";
import { isIP } from "node:net";
import { z } from "zod";
import { DEFAULT_CLAIM_MAPPING, parseRoleMap, parseSegmentClaims } from "@planpulse/core";
import type { OidcSettings } from "@planpulse/api";

const Port = z.coerce.number().int().min(1).max(65_535);

const OptionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));
function OptionalOrigin(name: string) {
  return OptionalText.pipe(
    z
      .string()
      .url(`${name} must be an origin like https://plan.example.org`)
      .transform((value) => new URL(value).origin)
      .optional(),
  );
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().trim().optional(),
  PGLITE_DATA_DIR: z.string().trim().optional(),
  PORT: Port.optional(),
  PORTAL_PORT: Port.optional(),
  ADMIN_PORT: Port.default(3001),
  HOST: z.string().default("0.0.0.0"),
  DEMO_PASSWORD: z.string().min(10, "DEMO_PASSWORD must have at least 10 characters").default("plan-pulse-demo"),
  /**
   * Proxies in front of the host: 0 (none), a number of hops (1 = one reverse proxy; the client is the
   * address that many entries from the right of X-Forwarded-For), or the proxies' addresses/subnets,
   * comma-separated (10.0.0.1, 10.1.0.0/16). Never "trust every entry": a client could pick its address.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("0")
    .transform((value, ctx): number | string[] => {
      if (value === "") return 0;
      if (/^\d{1,2}$/.test(value)) return Number(value);
      const addresses = value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      const valid = (address: string) => {
        const [ip, bits, extra] = address.split("/");
        if (extra !== undefined || !ip || isIP(ip) === 0) return false;
        return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
      };
      if (addresses.length > 0 && addresses.every(valid)) return addresses;
      ctx.addIssue({ code: "custom", message: "TRUST_PROXY is a number of proxy hops (0, 1, 2 …) or the proxies' addresses, like 10.0.0.1,10.1.0.0/16" });
      return z.NEVER;
    }),
  /** Demo accounts: unset = on the embedded database only; 0 = never; 1 = on PostgreSQL too. Never in production. */
  DEMO_ACCOUNTS: z.enum(["0", "1"], { error: "DEMO_ACCOUNTS is 0 or 1" }).optional(),
  /** Outgoing mail: an SMTP URL (smtp://user:pass@host:587); unset keeps messages in the outbox table. */
  SMTP_URL: z
    .string()
    .trim()
    .url("SMTP_URL must be a URL like smtp://user:pass@mail.example.org:587")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().trim().min(3).default("Plan Pulse <no-reply@planpulse.invalid>"),
  /** Key that signs unsubscribe links (32+ characters); unset = one generated once and kept in the database. */
  MAIL_LINK_SECRET: OptionalText.pipe(z.string().min(32, "MAIL_LINK_SECRET needs at least 32 characters (openssl rand -base64 32)").optional()),
  /** Seconds notifications for one member wait to leave as one message ("at once" mail). */
  NOTIFY_COALESCE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(120),
  /** PostgreSQL pool: connections, how many queries may wait for one, and the statement timeout. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DB_POOL_QUEUE: z.coerce.number().int().min(0).max(100_000).default(1_000),
  /**
   * 1 (default): the app's statements are named prepared statements, planned once per connection.
   * 0 behind a connection pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
   */
  DB_PREPARED_STATEMENTS: z.enum(["0", "1"], { error: "DB_PREPARED_STATEMENTS is 0 or 1" }).default("1"),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Worker processes on PostgreSQL (default: one per core); the embedded database always runs one. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1, "WEB_CONCURRENCY is a number of worker processes, 1 or more").max(64).optional(),
  /** Requests each app renders at once (the rest wait in line, up to REQUEST_QUEUE, then 503). */
  REQUEST_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(32),
  REQUEST_QUEUE: z.coerce.number().int().min(0).max(100_000).default(2_000),
  /** Live pages: open event streams (/events) one process holds at most; past it a 503 with Retry-After. */
  LIVE_MAX_CONNECTIONS: z.coerce.number().int().min(0).max(100_000).default(2_000),
  /** Visitors' pages kept in memory per process (home, domains, objectives, dashboard); 0 turns the cache off. */
  VISITOR_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(500),
  /** Serves /bench/control, the benchmark's minimal Remix page; off (404) unless set to 1. */
  BENCH_CONTROL: z.enum(["0", "1"]).default("0"),
  /** Which shipped plan, profile questions and organisation an empty database starts from. */
  PLAN_SEED: z.enum(SEED_SET_NAMES as [SeedSetName, ...SeedSetName[]], { error: `PLAN_SEED must be one of: ${SEED_SET_NAMES.join(", ")}` }).default("ala"),
  /** Each app's public origin (https://plan.example.org); unset uses the request's. SSO callbacks are built on it. */
  PORTAL_ORIGIN: OptionalOrigin("PORTAL_ORIGIN"),
  ADMIN_ORIGIN: OptionalOrigin("ADMIN_ORIGIN"),
  /** OpenID Connect sign-in (single sign-on); off unless OIDC_ISSUER is set. */
  OIDC_ISSUER: OptionalText.pipe(z.string().url("OIDC_ISSUER must be the provider's issuer URL, like https://login.example.org").optional()),
  OIDC_CLIENT_ID: OptionalText,
  OIDC_CLIENT_SECRET: OptionalText,
  OIDC_BUTTON_LABEL: z.string().trim().min(1).max(80).default("Sign in with your organisation's account"),
  OIDC_SCOPES: z.string().trim().min(1).default("openid email profile"),
  OIDC_CLAIM_NAME: z.string().trim().min(1).default(DEFAULT_CLAIM_MAPPING.nameClaim),
  OIDC_CLAIM_EMAIL: z.string().trim().min(1).default(DEFAULT_CLAIM_MAPPING.emailClaim),
  OIDC_CLAIM_MEMBER_ID: OptionalText,
  OIDC_CLAIM_GROUPS: z.string().trim().min(1).default(DEFAULT_CLAIM_MAPPING.groupsClaim),
  OIDC_ROLE_MAP: OptionalText,
  OIDC_SEGMENT_CLAIMS: OptionalText,
  OIDC_ONLY: z.enum(["0", "1"]).default("0"),
});

export type HostEnv = z.infer<typeof EnvSchema> & { portalPort: number; oidc: OidcSettings | null };

/** Every variable the host reads (.env.example documents each; a test holds them together). */
export const HOST_ENV_NAMES = Object.keys(EnvSchema.shape);

/** The environment, read once at start-up; a bad value stops the process with the variable's name. */
export function readEnv(source: Record<string, string | undefined> = process.env): HostEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && env.DEMO_ACCOUNTS === "1") {
    throw new Error("Invalid environment:\n  DEMO_ACCOUNTS: demo accounts are never made with NODE_ENV=production; remove DEMO_ACCOUNTS=1");
  }
  return { ...env, portalPort: env.PORT ?? env.PORTAL_PORT ?? 3000, oidc: readOidcSettings(env) };
}

function readOidcSettings(env: z.infer<typeof EnvSchema>): OidcSettings | null {
  if (!env.OIDC_ISSUER) {
    if (env.OIDC_ONLY === "1") throw new Error("Invalid environment:\n  OIDC_ONLY: needs OIDC_ISSUER (otherwise nobody but admins could sign in)");
    return null;
  }
  if (!env.OIDC_CLIENT_ID) throw new Error("Invalid environment:\n  OIDC_CLIENT_ID: required when OIDC_ISSUER is set");
  const production = env.NODE_ENV === "production";
  if (production && !env.OIDC_ISSUER.startsWith("https:")) throw new Error("Invalid environment:\n  OIDC_ISSUER: must use https in production");
  try {
    return {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      scopes: env.OIDC_SCOPES,
      buttonLabel: env.OIDC_BUTTON_LABEL,
      oidcOnly: env.OIDC_ONLY === "1",
      allowHttpIssuer: !production,
      mapping: {
        nameClaim: env.OIDC_CLAIM_NAME,
        emailClaim: env.OIDC_CLAIM_EMAIL,
        memberIdClaim: env.OIDC_CLAIM_MEMBER_ID ?? null,
        groupsClaim: env.OIDC_CLAIM_GROUPS,
        roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
        segmentClaims: parseSegmentClaims(env.OIDC_SEGMENT_CLAIMS),
      },
    };
  } catch (error) {
    throw new Error(`Invalid environment:\n  ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * NODE_ENV as launched says whether this is a real deployment (read above, decision 013). Whatever
 * it says, outside `pnpm dev` the libraries (React, Express) run their production code, so nothing
 * they send carries a stack trace: they only look at process.env.NODE_ENV.
 */
export function runLibrariesInProductionMode(): void {
  process.env.NODE_ENV = "production";
}
