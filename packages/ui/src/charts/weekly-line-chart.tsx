import { ChartFrame, formatCount, niceMax } from "./chart-frame";

export type WeeklySeries = { key: string; label: string; color: string; dash?: string; values: number[] };

const W = 640;
const H = 300;
const M = { top: 16, right: 20, bottom: 52, left: 64 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

function shortWeek(week: string): string {
  return new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

type MarkerShape = "circle" | "square" | "triangle" | "diamond";

function Marker({ shape, cx, cy, color }: { shape: MarkerShape; cx: number; cy: number; color: string }) {
  if (shape === "circle") return <circle cx={cx} cy={cy} r={2.8} fill={color} />;
  if (shape === "square") return <rect x={cx - 2.6} y={cy - 2.6} width={5.2} height={5.2} fill={color} />;
  if (shape === "triangle") return <path d={`M${cx} ${cy - 3.4} L${cx + 3.2} ${cy + 2.6} L${cx - 3.2} ${cy + 2.6} Z`} fill={color} />;
  return <path d={`M${cx} ${cy - 3.4} L${cx + 3.4} ${cy} L${cx} ${cy + 3.4} L${cx - 3.4} ${cy} Z`} fill={color} />;
}

/** Weekly counts as lines; each series differs by dash pattern and marker as well as colour. */
export function WeeklyLineChart({
  id,
  weeks,
  series,
  title,
  partialLast = true,
}: {
  id: string;
  weeks: string[];
  series: WeeklySeries[];
  title: string;
  /** The last week is still running: drawn faint and hollow, labelled "so far". */
  partialLast?: boolean;
}) {
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const x = (i: number) => M.left + (weeks.length <= 1 ? 0 : (i / (weeks.length - 1)) * PW);
  const y = (v: number) => M.top + PH - (v / max) * PH;
  const markers: MarkerShape[] = ["circle", "square", "triangle", "diamond"];
  return (
    <ChartFrame
      id={id}
      title={title}
      description={`Weeks start on Monday (UTC), oldest on the left; the last week is still in progress. Series: ${series.map((s) => s.label).join(", ")}.`}
      table={
        <table className="data data--compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, i) => (
              <tr key={week}>
                <th scope="row">{partialLast && i === weeks.length - 1 ? `${week} (so far)` : week}</th>
                {series.map((s) => (
                  <td key={s.key}>{formatCount(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg className="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-caption ${id}-desc`}>
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={M.left} x2={M.left + PW} y1={y(max * t)} y2={y(max * t)} stroke="#e5e7eb" />
            <text x={M.left - 8} y={y(max * t) + 4} textAnchor="end" className="chart__tick">
              {formatCount(Math.round(max * t))}
            </text>
          </g>
        ))}
        {weeks.map((week, i) =>
          i % 4 === weeks.length % 4 || i === weeks.length - 1 ? (
            <text key={week} x={x(i)} y={M.top + PH + 18} textAnchor="middle" className="chart__tick">
              {shortWeek(week)}
            </text>
          ) : null,
        )}
        <line x1={M.left} x2={M.left + PW} y1={M.top + PH} y2={M.top + PH} stroke="#4b5563" />
        <text x={M.left + PW / 2} y={H - 10} textAnchor="middle" className="chart__axis">
          Week
        </text>
        <text transform={`translate(16 ${M.top + PH / 2}) rotate(-90)`} textAnchor="middle" className="chart__axis">
          Count per week
        </text>
        {partialLast && weeks.length > 1 ? (
          <g>
            <rect x={x(weeks.length - 2)} y={M.top} width={x(weeks.length - 1) - x(weeks.length - 2)} height={PH} fill="#f3f4f6" />
            <text x={x(weeks.length - 1) - 4} y={M.top + 12} textAnchor="end" className="chart__tick">
              this week, so far
            </text>
          </g>
        ) : null}
        {series.map((s, si) => {
          const whole = partialLast ? s.values.slice(0, -1) : s.values;
          const lastIndex = s.values.length - 1;
          return (
            <g key={s.key}>
              <polyline fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} points={whole.map((v, i) => `${x(i)},${y(v)}`).join(" ")} />
              {whole.map((v, i) => (
                <Marker key={i} shape={markers[si % markers.length]!} cx={x(i)} cy={y(v)} color={s.color} />
              ))}
              {partialLast && lastIndex >= 1 ? (
                <>
                  {/* The unfinished week: a faint dotted stub and a hollow marker, not a drop. */}
                  <line
                    x1={x(lastIndex - 1)}
                    y1={y(s.values[lastIndex - 1]!)}
                    x2={x(lastIndex)}
                    y2={y(s.values[lastIndex]!)}
                    stroke={s.color}
                    strokeWidth={1.5}
                    strokeDasharray="1 4"
                    strokeOpacity={0.7}
                  />
                  <circle cx={x(lastIndex)} cy={y(s.values[lastIndex]!)} r={3.2} fill="#fff" stroke={s.color} strokeWidth={1.5} />
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="chart__legend">
        {series.map((s, si) => (
          <li key={s.key}>
            <svg width="30" height="10" aria-hidden="true" focusable="false">
              <line x1="0" x2="30" y1="5" y2="5" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
              <Marker shape={markers[si % markers.length]!} cx={15} cy={5} color={s.color} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}
