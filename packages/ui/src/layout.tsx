import { useLocation } from "@remix-run/react";
import { useEffect, useId, useState, type ReactNode } from "react";

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

/**
 * The site's navigation: a row of links on wide screens; on phones a "Menu" button shows and hides
 * the same nav (it is the nav's previous sibling, and CSS hides the nav while it is closed). Without
 * JavaScript the button is a <details> summary; with it, a real button with aria-expanded that
 * closes on navigation. One nav in the page either way.
 */
export function SiteNavigation({ label, children, wideFrom = "portal" }: { label: string; children: ReactNode; wideFrom?: "portal" | "admin" }) {
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navId = useId();
  useEffect(() => setEnhanced(true), []);
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  return (
    <div className={`site-navigation site-navigation--${wideFrom}`}>
      {enhanced ? (
        <button
          type="button"
          className="site-menu site-menu__button"
          data-open={open}
          aria-expanded={open}
          aria-controls={navId}
          onClick={() => setOpen((value) => !value)}
        >
          <MenuIcon /> Menu
        </button>
      ) : (
        <details className="site-menu">
          <summary className="site-menu__button">
            <MenuIcon /> Menu
          </summary>
        </details>
      )}
      <nav id={navId} className="site-nav" aria-label={label}>
        {children}
      </nav>
    </div>
  );
}

function MenuIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="2" />
    </svg>
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
        A moderator or administrator has suspended this account. While it is suspended it cannot take part, and it has no staff or leadership access of any
        kind.
      </p>
      {children}
      <p>If you think this is a mistake, contact the association.</p>
    </section>
  );
}
