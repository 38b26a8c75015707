import type { ReactNode } from "react";
import { STATUS_LABELS, type ObjectiveStatus } from "@planpulse/validators/domain";

/** Each status has a word and a shape as well as a colour, so colour never carries it alone. */
function StatusShape({ status }: { status: ObjectiveStatus }) {
  const common = { width: 12, height: 12, viewBox: "0 0 12 12", "aria-hidden": true, focusable: false } as const;
  switch (status) {
    case "not_started":
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      );
    case "on_track":
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="5" fill="currentColor" />
        </svg>
      );
    case "at_risk":
      return (
        <svg {...common}>
          <path d="M6 1 L11 11 L1 11 Z" fill="currentColor" />
        </svg>
      );
    case "off_track":
      return (
        <svg {...common}>
          <path d="M6 0.5 L11.5 6 L6 11.5 L0.5 6 Z" fill="currentColor" />
        </svg>
      );
    case "completed":
      return (
        <svg {...common}>
          <path d="M1.5 6.5 L4.5 9.5 L10.5 2.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
  }
}

export function StatusBadge({ status }: { status: ObjectiveStatus }) {
  return (
    <span className={`status status--${status}`}>
      <StatusShape status={status} />
      {STATUS_LABELS[status]}
    </span>
  );
}

export function UrgentBadge() {
  return (
    <span className="urgent-badge">
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        <path d="M6 0.8 L11.2 10.6 L0.8 10.6 Z" fill="none" stroke="currentColor" strokeWidth="1.4" />
        <path d="M6 4.2 V7.2 M6 8.4 V9.2" stroke="currentColor" strokeWidth="1.4" />
      </svg>
      Urgent priority
    </span>
  );
}

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <span className="progress">
      <span className="progress__track" role="progressbar" aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? "Percent complete"}>
        <span className="progress__fill" style={{ width: `${value}%` }} />
      </span>
      <span className="progress__value">{value}%</span>
    </span>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "error" | "success"; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
