import { ChartFrame, formatCount } from "./chart-frame";

export type QuadrantPoint = {
  key: string;
  /** A short visible label, such as "A3". */
  label: string;
  name: string;
  percentComplete: number;
  /** −100..+100; null when no one declared a stance. */
  netStance: number | null;
  stanceN: number;
  participants: number;
  isUrgent: boolean;
  href?: string;
};

const W = 640;
const H = 420;
const M = { top: 20, right: 24, bottom: 56, left: 72 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

function signed(value: number): string {
  const r = Math.round(value);
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : "0";
}

type Placed = { x: number; y: number; anchor: "middle" | "start" | "end"; leader: boolean };

/**
 * Label positions that do not overlap: each label goes in its bubble if that spot is free, else to
 * the right, left, above or below it (with a thin leader line), whichever is free first.
 */
function placeLabels(points: QuadrantPoint[], x: (v: number) => number, y: (v: number) => number, r: (v: number) => number) {
  const taken: Array<{ x0: number; x1: number; y0: number; y1: number }> = [];
  const box = (at: Placed) => {
    const width = 16;
    const x0 = at.anchor === "middle" ? at.x - width / 2 : at.anchor === "start" ? at.x : at.x - width;
    return { x0, x1: x0 + width, y0: at.y - 10, y1: at.y + 2 };
  };
  const free = (b: { x0: number; x1: number; y0: number; y1: number }) => taken.every((t) => b.x1 <= t.x0 || b.x0 >= t.x1 || b.y1 <= t.y0 || b.y0 >= t.y1);
  return [...points]
    .sort((a, b) => b.participants - a.participants)
    .map((p) => {
      const cx = x(p.percentComplete);
      const cy = y(p.netStance!);
      const radius = r(p.participants);
      const out = radius + 6;
      const candidates: Placed[] = [
        { x: cx, y: cy + 4, anchor: "middle", leader: false },
        { x: cx + out, y: cy + 4, anchor: "start", leader: true },
        { x: cx - out, y: cy + 4, anchor: "end", leader: true },
        { x: cx, y: cy - out, anchor: "middle", leader: true },
        { x: cx, y: cy + out + 10, anchor: "middle", leader: true },
        { x: cx + out, y: cy - out, anchor: "start", leader: true },
        { x: cx - out, y: cy + out + 10, anchor: "end", leader: true },
      ];
      const label = candidates.find((c) => free(box(c))) ?? candidates[0]!;
      taken.push(box(label));
      return { p, cx, cy, radius, label };
    });
}

/**
 * Progress × net stance: x is percent complete, y is net stance (in-favour share − concerned share),
 * bubble area follows participants, urgent objectives get a second, dashed ring. The image holds no
 * links (an image with links inside is nested interactive content); its table twin has them.
 */
export function QuadrantChart({ id, points }: { id: string; points: QuadrantPoint[] }) {
  const plotted = points.filter((p) => p.netStance !== null);
  const maxParticipants = Math.max(1, ...plotted.map((p) => p.participants));
  const x = (percent: number) => M.left + (Math.max(0, Math.min(100, percent)) / 100) * PW;
  const y = (net: number) => M.top + ((100 - Math.max(-100, Math.min(100, net))) / 200) * PH;
  const r = (participants: number) => 5 + Math.sqrt(participants / maxParticipants) * 18;
  const missing = points.length - plotted.length;
  return (
    <ChartFrame
      id={id}
      title="Progress against members' net stance"
      description={`Each bubble is an objective: across, how complete it is; up, how many more members are in favour than concerned. Bigger bubbles have more participants; urgent priorities have a dashed ring.${missing ? ` ${missing} objective${missing === 1 ? " has" : "s have"} no declared stances yet and ${missing === 1 ? "is" : "are"} only in the table.` : ""}`}
      table={
        <table className="data data--compact">
          <caption className="visually-hidden">Progress and net stance by objective</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Percent complete</th>
              <th scope="col">Net stance</th>
              <th scope="col">Stances (n)</th>
              <th scope="col">Participants</th>
              <th scope="col">Urgent</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.key}>
                <th scope="row">
                  {p.href ? (
                    <a href={p.href}>
                      {p.label}: {p.name}
                    </a>
                  ) : (
                    `${p.label}: ${p.name}`
                  )}
                </th>
                <td>{p.percentComplete}%</td>
                <td>{p.netStance === null ? "no stances yet" : signed(p.netStance)}</td>
                <td>{formatCount(p.stanceN)}</td>
                <td>{formatCount(p.participants)}</td>
                <td>{p.isUrgent ? "Urgent priority" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-caption ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <rect x={M.left} y={M.top} width={PW} height={PH} fill="#ffffff" stroke="#9aa1ab" />
        <rect x={M.left} y={y(0)} width={PW / 2} height={PH / 2} fill="#fdf3e7" />
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={M.top + PH} stroke="#e5e7eb" />
            <text x={x(t)} y={M.top + PH + 18} textAnchor="middle" className="chart__tick">
              {t}%
            </text>
          </g>
        ))}
        {[-100, -50, 0, 50, 100].map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={M.left + PW} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#4b5563" : "#e5e7eb"} strokeDasharray={t === 0 ? "4 3" : undefined} />
            <text x={M.left - 8} y={y(t) + 4} textAnchor="end" className="chart__tick">
              {signed(t)}
            </text>
          </g>
        ))}
        <text x={M.left + PW / 2} y={H - 12} textAnchor="middle" className="chart__axis">
          Percent complete
        </text>
        <text transform={`translate(18 ${M.top + PH / 2}) rotate(-90)`} textAnchor="middle" className="chart__axis">
          Net stance (% in favour − % concerned)
        </text>
        <text x={M.left + 8} y={M.top + 16} className="chart__quadrant">
          Favoured, early
        </text>
        <text x={M.left + PW - 8} y={M.top + 16} textAnchor="end" className="chart__quadrant">
          Favoured, well along
        </text>
        <text x={M.left + 8} y={M.top + PH - 8} className="chart__quadrant">
          Contested and behind
        </text>
        <text x={M.left + PW - 8} y={M.top + PH - 8} textAnchor="end" className="chart__quadrant">
          Contested, well along
        </text>
        {placeLabels(plotted, x, y, r).map(({ p, cx, cy, radius, label }) => (
          <g key={p.key} className="chart__bubble">
            <title>{`${p.label}: ${p.name}. ${p.percentComplete}% complete, net stance ${signed(p.netStance!)} (n = ${p.stanceN}), ${p.participants} participants${p.isUrgent ? ", urgent priority" : ""}.`}</title>
            <circle cx={cx} cy={cy} r={radius} fill="rgba(29, 78, 216, 0.18)" stroke="#1d4ed8" strokeWidth={1.5} />
            {p.isUrgent ? <circle cx={cx} cy={cy} r={radius + 4} fill="none" stroke="#b42318" strokeWidth={2} strokeDasharray="4 2" /> : null}
            {label.leader ? <line x1={cx} y1={cy} x2={label.x} y2={label.y - 4} stroke="#4b5563" strokeWidth={0.75} /> : null}
            <text x={label.x} y={label.y} textAnchor={label.anchor} className="chart__label">
              {p.label}
            </text>
          </g>
        ))}
      </svg>
    </ChartFrame>
  );
}
