import type { ReactNode } from "react";

export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

export function PageShell({ header, children, footer }: { header: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <>
      <SkipLink />
      {header}
      <main id="main" tabIndex={-1} className="page">
        {children}
      </main>
      <footer className="site-footer">{footer}</footer>
    </>
  );
}

/** A whole-page message for 403, 404 and the like: what happened and where to go. */
export function ErrorPanel({ status, title, children }: { status: number; title: string; children?: ReactNode }) {
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <p className="error-panel__status">Error {status}</p>
      <h1 id="error-title">{title}</h1>
      {children}
    </section>
  );
}

/** Every "your account is suspended" answer (tRPC's and the apps' loaders') starts with this. */
export const ACCOUNT_SUSPENDED_PREFIX = "Your account is suspended";

export function isAccountSuspendedError(data: unknown): boolean {
  return typeof data === "string" && data.startsWith(ACCOUNT_SUSPENDED_PREFIX);
}

/** The page a suspended account sees instead of anything else: what happened, and the two things it may still do. */
export function SuspendedAccountPanel({ children }: { children?: ReactNode }) {
  return (
    <section className="error-panel" aria-labelledby="suspended-title">
      <p className="error-panel__status">Account suspended</p>
      <h1 id="suspended-title">Your account is suspended</h1>
      <p>
        A moderator or administrator has suspended this account. While it is suspended it cannot take part, and it has
        no staff or leadership access of any kind.
      </p>
      {children}
      <p>If you think this is a mistake, contact the association.</p>
    </section>
  );
}
