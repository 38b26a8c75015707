import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

/**
 * A real OpenID provider (the certified oidc-provider package) running inside the test process,
 * with its development login page: any password works, the login name picks the account.
 */
export type TestAccount = { email?: unknown; email_verified?: unknown; name?: unknown; groups?: unknown; [claim: string]: unknown };

export const E2E_OIDC_CLIENT = { id: "planpulse-e2e", secret: "e2e-client-secret-not-for-production" };

export function oidcPort(): number {
  return Number(process.env.E2E_OIDC_PORT ?? Number(process.env.E2E_PORTAL_PORT ?? 3100) + 5);
}

export function oidcIssuer(): string {
  return `http://localhost:${oidcPort()}`;
}

function signingKey() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
}

export type RunningProvider = { issuer: string; kid: string; close: () => Promise<void> };

export async function startTestProvider(options: { appOrigins: string[]; accounts: Record<string, TestAccount> }): Promise<RunningProvider> {
  const key = signingKey();
  const configuration: Configuration = {
    clients: [
      {
        client_id: E2E_OIDC_CLIENT.id,
        client_secret: E2E_OIDC_CLIENT.secret,
        redirect_uris: options.appOrigins.map((origin) => `${origin}/auth/oidc/callback`),
        post_logout_redirect_uris: options.appOrigins.map((origin) => `${origin}/`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [key as never] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
      membership: ["member_no", "member_type", "state"],
    },
    scopes: ["openid", "email", "profile", "groups", "membership"],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["e2e-cookie-key-one", "e2e-cookie-key-two"] },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) as never };
    },
  };
  const provider = new Provider(oidcIssuer(), configuration);
  // The development pages print advice on every start; the tests do not need it.
  provider.on("server_error", (_ctx, error) => console.warn("[test provider]", error.message));
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(oidcPort(), () => resolve());
  });
  return {
    issuer: oidcIssuer(),
    kid: key.kid,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
