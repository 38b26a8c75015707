import type { ReactNode } from "react";

/** Every chart: a titled SVG for sighted readers and, behind "Show as table", the same numbers as a table. */
export function ChartFrame({
  id,
  title,
  description,
  children,
  table,
  tableOpen = false,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
  table: ReactNode;
  tableOpen?: boolean;
}) {
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart__caption">
        {title}
      </figcaption>
      <p className="chart__description" id={`${id}-desc`}>
        {description}
      </p>
      {children}
      <details className="chart__table" open={tableOpen}>
        <summary>Show as table</summary>
        <div className="table-scroll" tabIndex={0}>
          {table}
        </div>
      </details>
    </figure>
  );
}

export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
