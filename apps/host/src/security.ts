import type { NextFunction, Request, Response } from "express";
import { isCrossSiteMutation } from "@planpulse/auth";

/** Headers every response carries. */
export function securityHeaders(options: { production: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/** Rejects state-changing requests sent from another site (CSRF), forms and tRPC alike. */
export function rejectCrossSiteMutations() {
  return (req: Request, res: Response, next: NextFunction) => {
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
