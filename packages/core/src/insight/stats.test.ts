import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../csv";
import {
  alertReasons,
  countTrend,
  describeAlert,
  engagementSignal,
  expectedPercent,
  median,
  share,
  stanceSignal,
  stanceTrend,
  suppressBreakdown,
  toneSignal,
  wilsonInterval,
  type MilestoneInput,
} from "./stats";

// Hand-computed: p = 0.8, z² = 3.8415, centre = 0.99207 / 1.38415 = 0.71674, margin = 0.31362 / 1.38415 = 0.22658.
describe("wilsonInterval", () => {
  it("matches the hand-computed 8 of 10", () => {
    const interval = wilsonInterval(8, 10)!;
    expect(interval.low).toBeCloseTo(0.4902, 4);
    expect(interval.high).toBeCloseTo(0.9433, 4);
  });
  it("stays inside 0..1 at the edges (0 of 10 → 0 to 0.2775)", () => {
    const interval = wilsonInterval(0, 10)!;
    expect(interval.low).toBe(0);
    expect(interval.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 10);
  });
  it("has no interval for n = 0 and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
  it("narrows as n grows (48 of 96: margin 0.10200 / 1.04002 → 0.4019 to 0.5981)", () => {
    const interval = wilsonInterval(48, 96)!;
    expect(interval.low).toBeCloseTo(0.4019, 4);
    expect(interval.high).toBeCloseTo(0.5981, 4);
  });
});

describe("stance, tone and engagement signals", () => {
  it("counts shares and the net stance: 24 support, 10 neutral, 14 concern", () => {
    const signal = stanceSignal({ support: 24, neutral: 10, concern: 14 });
    expect(signal.n).toBe(48);
    expect(signal.support.share).toBeCloseTo(0.5, 10);
    expect(signal.concern.share).toBeCloseTo(14 / 48, 10);
    expect(signal.net).toBeCloseTo(((24 - 14) / 48) * 100, 10); // 20.83 points
    expect(signal.support.interval!.low).toBeCloseTo(0.3639, 4);
  });
  it("has no net stance when nobody declared one", () => {
    expect(stanceSignal({ support: 0, neutral: 0, concern: 0 }).net).toBeNull();
    expect(share(0, 0)).toEqual({ count: 0, n: 0, share: null, interval: null });
  });
  it("averages tone and counts the negative share", () => {
    const tone = toneSignal({ n: 4, sum: -0.6, negative: 3 });
    expect(tone.mean).toBeCloseTo(-0.15, 10);
    expect(tone.negative.share).toBe(0.75);
    expect(toneSignal({ n: 0, sum: 0, negative: 0 }).mean).toBeNull();
  });
  it("gives an objective's part of all priority points", () => {
    const engagement = engagementSignal({ supportVotes: 312, priorityPoints: 40, allPriorityPoints: 500, participants: 90 });
    expect(engagement.pointsShare.share).toBe(0.08);
  });
  it("takes the median of odd and even lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe("trend: last 4 weeks against the 4 before", () => {
  it("is down when net stance falls by 10 points or more", () => {
    // previous: (6 − 2) / 10 = +40; recent: (3 − 4) / 10 = −10; change −50.
    const trend = stanceTrend({ support: 3, neutral: 3, concern: 4 }, { support: 6, neutral: 2, concern: 2 });
    expect(trend.previous).toBeCloseTo(40, 10);
    expect(trend.recent).toBeCloseTo(-10, 10);
    expect(trend.change).toBeCloseTo(-50, 10);
    expect(trend.direction).toBe("down");
  });
  it("is flat below the threshold and up above it", () => {
    expect(stanceTrend({ support: 5, neutral: 5, concern: 0 }, { support: 10, neutral: 9, concern: 1 }).direction).toBe("flat"); // +50 vs +45
    expect(stanceTrend({ support: 8, neutral: 2, concern: 0 }, { support: 5, neutral: 4, concern: 1 }).direction).toBe("up"); // +80 vs +40
  });
  it("says not enough data when either window has fewer than 5 stances", () => {
    expect(stanceTrend({ support: 4, neutral: 0, concern: 0 }, { support: 1, neutral: 5, concern: 5 }).direction).toBe("not_enough_data");
  });
  it("compares activity counts by 10%", () => {
    expect(countTrend(110, 100).direction).toBe("up");
    expect(countTrend(95, 100).direction).toBe("flat");
    expect(countTrend(0, 0).direction).toBe("flat");
    expect(countTrend(5, 0).direction).toBe("up");
  });
});

describe("suppressBreakdown", () => {
  it("hides groups under 5 members", () => {
    const cells = suppressBreakdown(
      [
        { key: "a", members: 2 },
        { key: "b", members: 6 },
        { key: "c", members: 3 },
        { key: "d", members: 20 },
      ],
      { totalShown: true },
    );
    expect(cells.map((c) => c.suppressed)).toEqual(["small_group", null, "small_group", null]);
  });
  it("hides the next smallest too when one hidden cell could be recovered by subtraction", () => {
    // Total 31 = 3 + 8 + 20: with only "a" hidden, 31 − 8 − 20 = 3 would give it away.
    const cells = suppressBreakdown(
      [
        { key: "a", members: 3 },
        { key: "b", members: 8 },
        { key: "c", members: 20 },
      ],
      { totalShown: true },
    );
    expect(cells.map((c) => c.suppressed)).toEqual(["small_group", "complementary", null]);
    const shown = cells.filter((c) => !c.suppressed).reduce((sum, c) => sum + c.members, 0);
    // What subtraction leaves is the sum of two hidden cells (11), not the small one.
    expect(31 - shown).toBe(11);
  });
  it("needs no second cell when the total is not shown or nothing is small", () => {
    expect(suppressBreakdown([{ members: 3 }, { members: 8 }], { totalShown: false }).map((c) => c.suppressed)).toEqual(["small_group", null]);
    expect(suppressBreakdown([{ members: 5 }, { members: 8 }], { totalShown: true }).map((c) => c.suppressed)).toEqual([null, null]);
  });
});

describe("alertReasons", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const base = {
    slug: "advocacy-3",
    isUrgent: true,
    percentComplete: 50,
    stance: stanceSignal({ support: 6, neutral: 2, concern: 2 }),
    trend: stanceTrend({ support: 6, neutral: 2, concern: 2 }, { support: 6, neutral: 2, concern: 2 }),
    milestones: [] as MilestoneInput[],
  };
  it("raises nothing for a healthy urgent objective or any non-urgent one", () => {
    expect(alertReasons(base, now)).toEqual([]);
    expect(alertReasons({ ...base, isUrgent: false, stance: stanceSignal({ support: 0, neutral: 0, concern: 9 }) }, now)).toEqual([]);
  });
  it("raises a negative net stance only with at least 5 stances", () => {
    const reasons = alertReasons({ ...base, stance: stanceSignal({ support: 1, neutral: 1, concern: 3 }) }, now);
    expect(reasons).toEqual([{ kind: "negative_stance", net: -40, n: 5 }]);
    expect(describeAlert(reasons[0]!)).toBe("Net stance is negative: −40 points (n = 5).");
    expect(alertReasons({ ...base, stance: stanceSignal({ support: 0, neutral: 0, concern: 4 }) }, now)).toEqual([]);
  });
  it("raises a falling stance", () => {
    const trend = stanceTrend({ support: 3, neutral: 3, concern: 4 }, { support: 6, neutral: 2, concern: 2 });
    const reasons = alertReasons({ ...base, trend }, now);
    expect(reasons.map((r) => r.kind)).toEqual(["falling_stance"]);
    expect(describeAlert(reasons[0]!)).toBe("Net stance fell from +40 to −10 points over the last 4 weeks.");
  });
  it("raises overdue milestones and being behind the milestone timeline", () => {
    // Timeline 2026-01-01 → 2026-11-01 (304 days); 151 days gone on 2026-06-01 → 49.7%, so 40% is behind.
    const milestones: MilestoneInput[] = [
      { title: "Plan", dueOn: new Date("2026-03-01T00:00:00Z"), doneAt: null, createdAt: new Date("2026-01-01T00:00:00Z") },
      { title: "Launch", dueOn: new Date("2026-11-01T00:00:00Z"), doneAt: null, createdAt: new Date("2026-01-01T00:00:00Z") },
    ];
    expect(expectedPercent(milestones, now)).toBeCloseTo((151 / 304) * 100, 6);
    const reasons = alertReasons({ ...base, percentComplete: 40, milestones }, now);
    expect(reasons).toEqual([
      { kind: "overdue_milestones", count: 1, earliestDue: new Date("2026-03-01T00:00:00Z") },
      { kind: "behind_schedule", percentComplete: 40, expectedPercent: 49 },
    ]);
    // Done milestones are not overdue, and 50% is not behind 49.7%.
    const done = milestones.map((m, i) => (i === 0 ? { ...m, doneAt: new Date("2026-02-20T00:00:00Z") } : m));
    expect(alertReasons({ ...base, percentComplete: 50, milestones: done }, now)).toEqual([]);
  });
});

describe("CSV export", () => {
  it("neutralises cells that a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("plain, with comma")).toBe('"plain, with comma"');
  });
  it("joins rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, null]])).toBe("a,b\r\n1,\r\n");
  });
});
