import * as client from "openid-client";
import { AppError, mapOidcClaims, signInWithOidc, type OidcClaimMapping } from "@planpulse/core";
import { serializeSessionCookie } from "@planpulse/auth";
import type { Database } from "@planpulse/db";

/** What the host reads from OIDC_* variables (apps/host/src/env.ts). */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  buttonLabel: string;
  mapping: OidcClaimMapping;
  /** OIDC_ONLY=1: password sign-in only for administrators (break-glass). */
  oidcOnly: boolean;
  /** Plain-http issuers are accepted outside production only (the in-process test provider). */
  allowHttpIssuer: boolean;
  /** Seconds before a request to the provider gives up. */
  timeoutSeconds?: number;
};

export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
export const OIDC_START_PATH = "/auth/oidc/start";
const FLOW_COOKIE = "planpulse_oidc_flow";
const ID_TOKEN_COOKIE = "planpulse_oidc_id";
const FLOW_LIFETIME_SECONDS = 600;

export type OidcProblemKind = "denied" | "state" | "expired" | "unavailable" | "refused" | "failed";

export class OidcProblem extends Error {
  constructor(
    readonly kind: OidcProblemKind,
    readonly userMessage: string,
    readonly status: number,
  ) {
    super(userMessage);
    this.name = "OidcProblem";
  }
}

const PROBLEMS: Record<Exclude<OidcProblemKind, "refused">, { message: string; status: number }> = {
  denied: { message: "You did not allow the sign-in at your organisation, so nobody was signed in. You can try again whenever you like.", status: 400 },
  state: {
    message:
      "This sign-in could not be matched to one started in this browser (it may have been started elsewhere, used twice, or tampered with), so nobody was signed in. Start again from the sign-in page.",
    status: 400,
  },
  expired: { message: "This sign-in took too long or was already used, so nobody was signed in. Start again from the sign-in page.", status: 400 },
  unavailable: {
    message:
      "Your organisation's sign-in service did not answer, so nobody was signed in. Try again in a few minutes, or sign in with your password if you have one.",
    status: 503,
  },
  failed: { message: "Your organisation's sign-in did not complete, so nobody was signed in. Start again from the sign-in page.", status: 400 },
};

function problem(kind: Exclude<OidcProblemKind, "refused">): OidcProblem {
  return new OidcProblem(kind, PROBLEMS[kind].message, PROBLEMS[kind].status);
}

type Flow = { state: string; nonce: string; verifier: string; redirectTo: string; callback: string };

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index !== -1 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}

function cookie(name: string, value: string, options: { secure: boolean; maxAge: number; path: string }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path}`, "HttpOnly", "SameSite=Lax", `Max-Age=${options.maxAge}`];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

function isNetworkFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { name, code, message } = current as { name?: string; code?: string; message?: string };
    if (name === "AbortError" || name === "TimeoutError") return true;
    if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(code)) return true;
    if (name === "TypeError" && message === "fetch failed") return true;
    if (code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || code === "OAUTH_RESPONSE_IS_NOT_JSON") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Keeps nothing personal or secret: error class, code and OAuth error name only. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = (error as { code?: string }).code;
  const oauthError = (error as { error?: string }).error;
  return [error.name, code, oauthError, error.message.slice(0, 200)].filter(Boolean).join(" ");
}

/**
 * One OpenID Connect client per process (both apps share it). The library does discovery, PKCE,
 * state, nonce and ID-token validation (signature included). Each sign-in start and each callback
 * discovers afresh, so a provider that is down gets a clear page at once and a rotated signing key
 * is picked up at once (decision 017); sign-out reuses the last metadata.
 */
export class OidcClient {
  private cached: { config: client.Configuration; at: number } | null = null;

  constructor(readonly settings: OidcSettings) {}

  get buttonLabel(): string {
    return this.settings.buttonLabel;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowHttpIssuer, timeoutSeconds } = this.settings;
    const execute = [client.enableNonRepudiationChecks];
    if (allowHttpIssuer && issuer.startsWith("http:")) execute.unshift(client.allowInsecureRequests);
    try {
      const config = await client.discovery(
        new URL(issuer),
        clientId,
        clientSecret ? { client_secret: clientSecret } : undefined,
        clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
        { execute, timeout: timeoutSeconds ?? 10 },
      );
      config.timeout = timeoutSeconds ?? 10;
      this.cached = { config, at: Date.now() };
      return config;
    } catch (error) {
      console.warn(`[oidc] discovery failed: ${describe(error)}`);
      throw problem("unavailable");
    }
  }

  /** Builds the provider's authorization URL and the cookie that remembers this browser's flow. */
  async start(input: { callbackUrl: string; redirectTo: string; secure: boolean }): Promise<{ location: string; setCookie: string }> {
    const config = await this.discover();
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      redirectTo: input.redirectTo,
      callback: input.callbackUrl,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: input.callbackUrl,
      scope: this.settings.scopes,
      response_type: "code",
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    return {
      location: url.href,
      setCookie: cookie(FLOW_COOKIE, JSON.stringify(flow), { secure: input.secure, maxAge: FLOW_LIFETIME_SECONDS, path: "/auth/oidc" }),
    };
  }

  /**
   * Completes the flow: checks the provider's answer against this browser's flow cookie, redeems the
   * code, reads the claims and signs the member in. Every failure is an OidcProblem (or an AppError
   * from the use-case); nobody is signed in then.
   */
  async finish(input: { request: Request; database: Database; secure: boolean; setCookie: (cookie: string) => void }): Promise<{ redirectTo: string }> {
    const { request } = input;
    // The flow cookie is single-use: cleared whatever happens next.
    input.setCookie(cookie(FLOW_COOKIE, "", { secure: input.secure, maxAge: 0, path: "/auth/oidc" }));
    const url = new URL(request.url);
    let flow: Flow;
    try {
      const raw = readCookie(request, FLOW_COOKIE);
      flow = JSON.parse(raw ?? "null") as Flow;
      if (!flow || typeof flow.state !== "string" || typeof flow.nonce !== "string" || typeof flow.verifier !== "string" || typeof flow.callback !== "string") {
        throw new Error("no flow");
      }
    } catch {
      throw url.searchParams.get("error") === "access_denied" ? problem("denied") : problem("state");
    }
    if (url.searchParams.get("error") === "access_denied") throw problem("denied");
    if (url.searchParams.get("state") !== flow.state) throw problem("state");

    // The callback URL the provider saw, whatever host or proxy this request came through.
    const currentUrl = new URL(flow.callback);
    currentUrl.search = url.search;
    const config = await this.discover();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      console.warn(`[oidc] code exchange refused: ${describe(error)}`);
      if (error instanceof client.AuthorizationResponseError) throw error.error === "access_denied" ? problem("denied") : problem("failed");
      if (error instanceof client.ResponseBodyError) throw error.error === "invalid_grant" ? problem("expired") : problem("failed");
      if (isNetworkFailure(error)) throw problem("unavailable");
      throw problem("failed");
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw problem("failed");
    let claims: Record<string, unknown> = { ...idClaims };
    if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        // The ID token's own claims win; userinfo adds what the ID token left out.
        claims = { ...userinfo, ...idClaims };
      } catch (error) {
        console.warn(`[oidc] userinfo unavailable, using the ID token's claims only: ${describe(error)}`);
      }
    }
    const mapped = mapOidcClaims(claims, this.settings.mapping, (message) => console.warn(`[oidc] ${message}`));
    let signedIn;
    try {
      signedIn = await signInWithOidc(input.database.db, {
        issuer: String(idClaims.iss),
        claims: mapped,
        rolesFromClaims: this.settings.mapping.roleMap !== null,
        warn: (message) => console.warn(`[oidc] ${message}`),
      });
    } catch (error) {
      if (error instanceof AppError) throw new OidcProblem("refused", error.userMessage, error.status);
      throw error;
    }
    input.setCookie(serializeSessionCookie(signedIn.token, signedIn.session.expires_at, { secure: input.secure }));
    if (tokens.id_token) {
      const maxAge = Math.max(0, Math.floor((signedIn.session.expires_at.getTime() - Date.now()) / 1000));
      input.setCookie(cookie(ID_TOKEN_COOKIE, tokens.id_token, { secure: input.secure, maxAge, path: "/" }));
    }
    return { redirectTo: flow.redirectTo };
  }

  /**
   * After the local session has ended: the provider's end-session URL when it offers one and this
   * browser signed in through it, else null. Clears the remembered ID token either way.
   */
  async endSessionUrl(input: {
    request: Request;
    postLogoutRedirectUri: string;
    secure: boolean;
    setCookie: (cookie: string) => void;
  }): Promise<string | null> {
    const idToken = readCookie(input.request, ID_TOKEN_COOKIE);
    if (!idToken) return null;
    input.setCookie(cookie(ID_TOKEN_COOKIE, "", { secure: input.secure, maxAge: 0, path: "/" }));
    try {
      const config = this.cached?.config ?? (await this.discover());
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: input.postLogoutRedirectUri }).href;
    } catch {
      // The provider being down must not keep anyone signed in here; the local session is already gone.
      return null;
    }
  }
}
