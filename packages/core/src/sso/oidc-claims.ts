import { ROLES, type Role } from "@planpulse/db";

/**
 * How the provider's claims map onto an account. Everything beyond subject, email and name is off
 * unless configured: no member id, no segment answers, no roles.
 */
export type OidcClaimMapping = {
  nameClaim: string;
  emailClaim: string;
  memberIdClaim: string | null;
  groupsClaim: string;
  /** Provider group → the role it grants; null when roles are not taken from the provider. */
  roleMap: Record<string, Role> | null;
  /** Segment question key → the claim that carries its answer; null when off. */
  segmentClaims: Record<string, string> | null;
};

export const DEFAULT_CLAIM_MAPPING: OidcClaimMapping = {
  nameClaim: "name",
  emailClaim: "email",
  memberIdClaim: null,
  groupsClaim: "groups",
  roleMap: null,
  segmentClaims: null,
};

function parsePairs(value: string, variable: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of value.split(",")) {
    if (part.trim() === "") continue;
    const index = part.lastIndexOf("=");
    const left = index === -1 ? "" : part.slice(0, index).trim();
    const right = index === -1 ? "" : part.slice(index + 1).trim();
    if (!left || !right) throw new Error(`${variable}: "${part.trim()}" should look like name=value`);
    pairs.push([left, right]);
  }
  return pairs;
}

/** OIDC_ROLE_MAP='ala-staff=staff,ala-board=leader'. A role outside the known roles fails at start-up. */
export function parseRoleMap(value: string | undefined): Record<string, Role> | null {
  if (!value?.trim()) return null;
  const map: Record<string, Role> = {};
  for (const [group, role] of parsePairs(value, "OIDC_ROLE_MAP")) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new Error(`OIDC_ROLE_MAP: "${role}" is not a role (use one of ${ROLES.join(", ")})`);
    }
    map[group] = role as Role;
  }
  return map;
}

/** OIDC_SEGMENT_CLAIMS='member_type=ala_member_type,state=address_state' (question key = claim name). */
export function parseSegmentClaims(value: string | undefined): Record<string, string> | null {
  if (!value?.trim()) return null;
  return Object.fromEntries(parsePairs(value, "OIDC_SEGMENT_CLAIMS"));
}

export type MappedClaims = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
  memberId: string | null;
  /** The highest role the member's mapped groups grant; null when roles are off or no group matches. */
  role: Role | null;
  segments: Record<string, string | string[]>;
};

export type ClaimWarning = (message: string) => void;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/;
const MAX_TEXT = 200;

function text(claims: Record<string, unknown>, name: string, warn: ClaimWarning, max = MAX_TEXT): string | null {
  if (!(name in claims) || claims[name] === null || claims[name] === undefined) return null;
  const value = claims[name];
  // A number is a fair shape for an id ("member_no": 12345); anything else that is not text is ignored.
  const asText = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof asText !== "string") {
    warn(`claim "${name}" ignored: expected text, got ${Array.isArray(value) ? "a list" : typeof value}`);
    return null;
  }
  const trimmed = asText.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length === 0 || trimmed.length > max || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    warn(`claim "${name}" ignored: empty, longer than ${max} characters, or containing control characters`);
    return null;
  }
  return trimmed;
}

function list(claims: Record<string, unknown>, name: string, warn: ClaimWarning): string[] | null {
  if (!(name in claims) || claims[name] === null || claims[name] === undefined) return null;
  const value = claims[name];
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || value.length > 500 || !value.every((v) => typeof v === "string" && v.length <= MAX_TEXT)) {
    warn(`claim "${name}" ignored: expected a list of up to 500 short texts`);
    return null;
  }
  return value as string[];
}

/**
 * Reads the provider's claims through the mapping. A claim with an unexpected shape is ignored with
 * a warning (never an error page): the sign-in still works with what could be read.
 */
export function mapOidcClaims(claims: Record<string, unknown>, mapping: OidcClaimMapping, warn: ClaimWarning): MappedClaims {
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const rawEmail = text(claims, mapping.emailClaim, warn, 254);
  const email = rawEmail && EMAIL.test(rawEmail) ? rawEmail.toLowerCase() : null;
  if (rawEmail && !email) warn(`claim "${mapping.emailClaim}" ignored: not an email address`);
  let emailVerified = false;
  if ("email_verified" in claims) {
    // Only the boolean true counts; "true" as text is a provider bug we refuse to guess about.
    if (typeof claims.email_verified === "boolean") emailVerified = claims.email_verified;
    else warn(`claim "email_verified" ignored: expected true or false, got ${typeof claims.email_verified}`);
  }
  const displayName = text(claims, mapping.nameClaim, warn, 80);
  const memberId = mapping.memberIdClaim ? text(claims, mapping.memberIdClaim, warn, 100) : null;

  let role: Role | null = null;
  if (mapping.roleMap) {
    const groups = list(claims, mapping.groupsClaim, warn) ?? [];
    for (const group of groups) {
      const granted = mapping.roleMap[group];
      if (granted && (role === null || ROLES.indexOf(granted) > ROLES.indexOf(role))) role = granted;
    }
  }

  const segments: Record<string, string | string[]> = {};
  for (const [key, claimName] of Object.entries(mapping.segmentClaims ?? {})) {
    const value = claims[claimName];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const values = list(claims, claimName, warn);
      if (values) segments[key] = values;
    } else {
      const single = text(claims, claimName, warn);
      if (single) segments[key] = single;
    }
  }
  return { subject, email, emailVerified, displayName, memberId, role, segments };
}
