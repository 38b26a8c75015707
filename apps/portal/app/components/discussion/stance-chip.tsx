export type StanceValue = "support" | "neutral" | "concern";

export const STANCE_LABELS: Record<StanceValue, string> = { support: "Support", neutral: "Neutral", concern: "Concern" };

/** Stance as word, shape and colour (▲ support, ● neutral, ▼ concern), never colour alone. */
export function StanceChip({ stance }: { stance: StanceValue }) {
  const common = { width: 10, height: 10, viewBox: "0 0 10 10", "aria-hidden": true, focusable: false } as const;
  return (
    <span className={`stance-chip stance-chip--${stance}`}>
      <svg {...common}>
        {stance === "support" ? <path d="M5 1 L9.5 9 L0.5 9 Z" fill="currentColor" /> : null}
        {stance === "neutral" ? <circle cx="5" cy="5" r="4" fill="currentColor" /> : null}
        {stance === "concern" ? <path d="M5 9 L9.5 1 L0.5 1 Z" fill="currentColor" /> : null}
      </svg>
      {STANCE_LABELS[stance]}
    </span>
  );
}
