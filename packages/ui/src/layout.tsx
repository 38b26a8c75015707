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
