import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { hasSessionCookie, isCrossSiteMutation } from "@planpulse/auth";

export type SecurityHeaderOptions = {
  /** HSTS only in production: a developer's http://localhost must keep working. */
  production: boolean;
  /** Vite's dev server injects inline scripts and eval for hot reload; relax script-src for it. */
  viteDev: boolean;
};

/** 128 random bits, fresh for every response. */
export function createCspNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string, options: Pick<SecurityHeaderOptions, "viteDev">): string {
  const scripts = options.viteDev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src 'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    scripts,
    // React style props and Remix's critical CSS are inline styles; scripts are what matter for XSS.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    options.viteDev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries; the CSP nonce is left in res.locals.cspNonce for the renderer. */
export function securityHeaders(options: SecurityHeaderOptions) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = createCspNonce();
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, options));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/**
 * The one route a cross-site POST may reach: RFC 8058 one-click unsubscribe, which mail clients send
 * from their own origin without cookies. Its signed token is the authority, so a forged request
 * can do nothing a link holder could not (decision 020).
 */
export const CROSS_SITE_POST_EXEMPT: Record<string, readonly string[]> = { portal: ["/unsubscribe"] };

/** Rejects state-changing requests sent from another site (CSRF), forms and tRPC alike. */
export function rejectCrossSiteMutations(options: { exemptPaths?: readonly string[] } = {}) {
  const exempt = new Set(options.exemptPaths ?? []);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "POST" && exempt.has(req.path)) {
      // Remix refuses an action whose Origin is not this host; here the token, not the origin, is the authority.
      delete req.headers.origin;
      next();
      return;
    }
    const expectedOrigin = `${req.protocol}://${req.get("host")}`;
    const headers = new Headers();
    for (const name of ["origin", "sec-fetch-site"]) {
      const value = req.get(name);
      if (value !== undefined) headers.set(name, value);
    }
    if (isCrossSiteMutation({ method: req.method, headers }, expectedOrigin)) {
      res.status(403).type("text/plain").send("This request came from another site and was refused.");
      return;
    }
    next();
  };
}

/** Fingerprinted build files and the icon: the same for everyone, cached for a year. */
function isPublicAsset(path: string): boolean {
  return path.startsWith("/assets/") || path === "/favicon.ico";
}

/**
 * `Cache-Control: no-store` on everything a signed-in person receives (pages, data requests, tRPC
 * answers, CSV downloads, errors) and on every response that sets a cookie: no browser or shared cache
 * keeps a copy of someone's page or session. Decided just before the head is written, whichever layer
 * answered.
 */
export function noStoreForSignedIn() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isPublicAsset(req.path)) {
      next();
      return;
    }
    const signedIn = hasSessionCookie(req.get("cookie"));
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (signedIn || this.getHeader("set-cookie") !== undefined) this.setHeader("Cache-Control", "no-store");
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  };
}
