/** Smallest group whose shares we show; below it we say "fewer than 5" (DESIGN: honest numbers). */
export const MIN_GROUP_SIZE = 5;

export type StanceCounts = { support: number; neutral: number; concern: number; n: number };
export type StanceKey = "support" | "neutral" | "concern";

export const STANCE_WORDS: Record<StanceKey, string> = { support: "Support", neutral: "Neutral", concern: "Concern" };

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** A shape per stance, so the chip and bar never rely on colour alone. */
export function StanceShape({ stance }: { stance: StanceKey }) {
  const common = { width: 11, height: 11, viewBox: "0 0 12 12", "aria-hidden": true, focusable: false } as const;
  if (stance === "support") return <svg {...common}><path d="M6 1 L11 10 L1 10 Z" fill="currentColor" /></svg>;
  if (stance === "concern") return <svg {...common}><path d="M6 11 L11 2 L1 2 Z" fill="currentColor" /></svg>;
  return <svg {...common}><rect x="1.5" y="4.5" width="9" height="3" fill="currentColor" /></svg>;
}

export function StanceChip({ stance, prefix }: { stance: StanceKey; prefix?: string }) {
  return (
    <span className={`stance-chip stance-chip--${stance}`}>
      <StanceShape stance={stance} />
      {prefix ? `${prefix} ` : ""}
      {STANCE_WORDS[stance].toLowerCase()}
    </span>
  );
}

/**
 * Stance distribution: a diverging bar (concern left, support right) drawn for sighted readers, and
 * always the same figures in words beside it. Groups under five show no shares.
 */
export function StanceSummary({ stance, compact = false }: { stance: StanceCounts; compact?: boolean }) {
  if (stance.n < MIN_GROUP_SIZE) {
    return (
      <span className="stance-summary stance-summary--few">
        {stance.n === 0 ? "No stances yet" : "Stances: fewer than 5 members"}
      </span>
    );
  }
  const shares = {
    concern: percent(stance.concern, stance.n),
    neutral: percent(stance.neutral, stance.n),
    support: percent(stance.support, stance.n),
  };
  const words = `${shares.support}% support · ${shares.neutral}% neutral · ${shares.concern}% concern · n = ${stance.n}`;
  return (
    <span className={`stance-summary${compact ? " stance-summary--compact" : ""}`}>
      <span className="stance-bar" aria-hidden="true">
        {(["concern", "neutral", "support"] as const).map((key) =>
          stance[key] > 0 ? (
            <span key={key} className={`stance-bar__part stance-bar__part--${key}`} style={{ width: `${(stance[key] / stance.n) * 100}%` }} />
          ) : null,
        )}
      </span>
      <span className="stance-summary__words">{compact ? `${shares.support}% support · n = ${stance.n}` : words}</span>
      {compact ? <span className="visually-hidden">{`, ${shares.neutral}% neutral, ${shares.concern}% concern`}</span> : null}
    </span>
  );
}

/** "8% of priority points" (share of every point placed by everyone). */
export function PriorityShare({ share, members }: { share: number; members: number }) {
  if (members < MIN_GROUP_SIZE) {
    return <span className="figure">{members === 0 ? "No priority points yet" : "Priority points: fewer than 5 members"}</span>;
  }
  return (
    <span className="figure">
      <strong>{Math.round(share * 100)}%</strong> of priority points <span className="figure__n">(n = {members})</span>
    </span>
  );
}

export function SupportTally({ count }: { count: number }) {
  return (
    <span className="figure">
      <strong>{count.toLocaleString("en-US")}</strong> {count === 1 ? "support" : "supports"}
    </span>
  );
}
