/** Small pieces of the leadership dashboard: every share with its n and interval, every trend in words. */

export type ShareLike = { count: number; n: number; share: number | null; interval: { low: number; high: number } | null };
export type TrendLike = { direction: "up" | "down" | "flat" | "not_enough_data"; change: number | null };

export function formatShare(share: ShareLike): string {
  if (share.share === null) return "no data";
  return `${Math.round(share.share * 100)}%`;
}

export function formatInterval(share: ShareLike): string {
  if (!share.interval) return "";
  return `95% CI ${Math.round(share.interval.low * 100)}–${Math.round(share.interval.high * 100)}%`;
}

export function formatSigned(value: number | null, digits = 0): string {
  if (value === null) return "no data";
  const fixed = Math.abs(value).toFixed(digits);
  if (Number(fixed) === 0) return digits ? (0).toFixed(digits) : "0";
  return value > 0 ? `+${fixed}` : `−${fixed}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "no responses yet";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

export function formatDate(iso: string | null): string {
  if (!iso) return "none yet";
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

const TREND_WORDS = { up: "rising", down: "falling", flat: "steady", not_enough_data: "not enough data" } as const;

/** ▲ rising / ▼ falling / ▶ steady, with the change in points when there is one. */
export function TrendMark({ trend, unit = "points" }: { trend: TrendLike; unit?: string }) {
  const arrow = trend.direction === "up" ? "▲" : trend.direction === "down" ? "▼" : trend.direction === "flat" ? "▶" : "";
  return (
    <span className={`trend trend--${trend.direction}`}>
      {arrow ? <span aria-hidden="true">{arrow} </span> : null}
      {TREND_WORDS[trend.direction]}
      {trend.change !== null && trend.direction !== "not_enough_data" && unit ? ` (${formatSigned(trend.change)} ${unit})` : null}
    </span>
  );
}

export function FewerThanFive({ complementary = false }: { complementary?: boolean }) {
  return (
    <span className="suppressed">
      fewer than 5{complementary ? <span className="suppressed__why"> (hidden so a smaller group cannot be worked out)</span> : null}
    </span>
  );
}
