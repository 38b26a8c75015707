import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type Crumb = { label: ReactNode; to: string };

/**
 * Where this page sits: a nav landmark named "Breadcrumb" holding an ordered list of links up the
 * trail, then the page itself as plain text marked aria-current="page".
 */
export function Breadcrumbs({ trail, current }: { trail: readonly Crumb[]; current: ReactNode }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
