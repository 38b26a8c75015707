import { STANCE_BAR_ORDER, STANCE_LABELS, STANCE_WORDS, type StanceValue } from "@planpulse/validators/domain";

/** Smallest group whose shares we show; below it we say "fewer than 5" (DESIGN: honest numbers). */
export const MIN_GROUP_SIZE = 5;

export type StanceCounts = {
  support: number;
  neutral: number;
  concern: number;
  n: number;
  /** 95% interval of the in-favour share, when the caller has it. */
  supportInterval?: { low: number; high: number } | null;
};

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** A shape per stance, so the chip and bar never rely on colour alone. */
export function StanceShape({ stance }: { stance: StanceValue }) {
  const common = { width: 11, height: 11, viewBox: "0 0 12 12", "aria-hidden": true, focusable: false } as const;
  if (stance === "support")
    return (
      <svg {...common}>
        <path d="M6 1 L11 10 L1 10 Z" fill="currentColor" />
      </svg>
    );
  if (stance === "concern")
    return (
      <svg {...common}>
        <path d="M6 11 L11 2 L1 2 Z" fill="currentColor" />
      </svg>
    );
  return (
    <svg {...common}>
      <rect x="1.5" y="4.5" width="9" height="3" fill="currentColor" />
    </svg>
  );
}

/** "▲ In favour", or with a prefix "Your stance: in favour". */
export function StanceChip({ stance, prefix }: { stance: StanceValue; prefix?: string }) {
  return (
    <span className={`stance-chip stance-chip--${stance}`}>
      <StanceShape stance={stance} />
      {prefix ? `${prefix} ${STANCE_WORDS[stance]}` : STANCE_LABELS[stance]}
    </span>
  );
}

function members(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "member" : "members"}`;
}

/**
 * Stance distribution for members: a diverging bar (concerned left, in favour right) for sighted
 * readers and the same figures in plain words ("62% in favour, of 48 members who said"); the
 * statistics (every share, n, the 95% interval) one click away. Groups under five show no shares.
 */
export function StanceSummary({ stance, compact = false }: { stance: StanceCounts; compact?: boolean }) {
  if (stance.n < MIN_GROUP_SIZE) {
    return (
      <span className="stance-summary stance-summary--few">
        {stance.n === 0 ? "No member has said their stance yet" : "Stances: fewer than 5 members said"}
      </span>
    );
  }
  const shares = {
    concern: percent(stance.concern, stance.n),
    neutral: percent(stance.neutral, stance.n),
    support: percent(stance.support, stance.n),
  };
  const plain = `${shares.support}% in favour, of ${members(stance.n)} who said`;
  const bar = (
    <span className="stance-bar" aria-hidden="true">
      {STANCE_BAR_ORDER.map((key) =>
        stance[key] > 0 ? (
          <span key={key} className={`stance-bar__part stance-bar__part--${key}`} style={{ width: `${(stance[key] / stance.n) * 100}%` }} />
        ) : null,
      )}
    </span>
  );
  if (compact) {
    return (
      <span className="stance-summary stance-summary--compact">
        {bar}
        <span className="stance-summary__words">{plain}</span>
        <span className="visually-hidden">{`; ${shares.neutral}% neutral, ${shares.concern}% concerned`}</span>
      </span>
    );
  }
  const interval = stance.supportInterval;
  return (
    <span className="stance-summary">
      {bar}
      <span className="stance-summary__words">{plain}</span>
      <details className="figure-details">
        <summary>The numbers</summary>
        <span className="figure-details__body">
          {shares.support}% in favour ({stance.support.toLocaleString("en-US")}) · {shares.neutral}% neutral ({stance.neutral.toLocaleString("en-US")}) ·{" "}
          {shares.concern}% concerned ({stance.concern.toLocaleString("en-US")}) · n = {stance.n.toLocaleString("en-US")}
          {interval ? ` · 95% interval for “in favour”: ${Math.round(interval.low * 100)}–${Math.round(interval.high * 100)}%` : ""}
        </span>
      </details>
    </span>
  );
}

/** "8% of priority points, from 40 members" (share of every point placed by everyone). */
export function PriorityShare({ share, members: count }: { share: number; members: number }) {
  if (count < MIN_GROUP_SIZE) {
    return <span className="figure">{count === 0 ? "No priority points yet" : "Priority points: fewer than 5 members"}</span>;
  }
  return (
    <span className="figure">
      <strong>{Math.round(share * 100)}%</strong> of priority points <span className="figure__n">(from {members(count)})</span>
    </span>
  );
}

/** The vote: "312 supporters". */
export function SupportTally({ count }: { count: number }) {
  return (
    <span className="figure">
      <strong>{count.toLocaleString("en-US")}</strong> {count === 1 ? "supporter" : "supporters"}
    </span>
  );
}

/** What every member-facing comment count means, said once: the plan page, objective page and public dashboard share it. */
export const MEMBER_COMMENTS_MEANING = "member comments, not counting staff replies";

/** "61 member comments" with what is (and is not) counted, for screen readers and on hover. */
export function MemberComments({ count, explain = false }: { count: number; explain?: boolean }) {
  return (
    <span className="figure" title={`Counts ${MEMBER_COMMENTS_MEANING}`}>
      <strong>{count.toLocaleString("en-US")}</strong> member {count === 1 ? "comment" : "comments"}
      {explain ? <span className="figure__n">, not counting staff replies</span> : <span className="visually-hidden">, not counting staff replies</span>}
    </span>
  );
}
