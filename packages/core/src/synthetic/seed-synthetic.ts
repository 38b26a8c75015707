import { scoreTone } from "@planpulse/sentiment";
import type { RowSink } from "./sinks";

export type SyntheticOptions = { members: number; votes: number; comments: number; seed: number };
export type ProgressFactory = (label: string, total: number) => { update(done: number): void; done(done?: number): void };

const DAY = 86_400_000;
const HISTORY_DAYS = 180;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MEMBER_TYPES: Array<[string | null, number]> = [["Personal", 50], ["Student", 15], ["Retired", 8], ["Organizational", 5], ["International", 4], ["Trustee", 2], [null, 16]];
const CAREER_STAGES: Array<[string | null, number]> = [["Student", 12], ["Early career", 25], ["Mid career", 30], ["Late career", 18], ["Retired", 6], [null, 9]];
const LIBRARY_TYPES: Array<[string | null, number]> = [["Public", 38], ["Academic", 30], ["School", 15], ["Special", 7], ["Other", 4], ["Tribal", 0.4], [null, 5.6]];
const DIVISIONS = ["ACRL", "PLA", "AASL", "ALSC", "YALSA", "RUSA", "Core", "UNITED", "ASGCLA"];
const ROUND_TABLES = ["GNCRT", "SRRT", "EMIERT", "NMRT", "IFRT", "GODORT", "LIRT", "FMRT", "ERT", "RRT"];
const STATES = ["IL", "CA", "NY", "TX", "FL", "OH", "WA", "MA", "GA", "NC", "MN", "CO", "PA", "MI", "VA"];

const OPENERS = ["I think", "Honestly,", "From where I sit,", "In my library,", "As a member,", "Speaking for our branch,"];
const POSITIVE = ["this is a great step", "I strongly support this", "this will really help our patrons", "love the focus here", "this is exactly what we need", "excellent priority"];
const NEGATIVE = ["this worries me", "I am concerned this is underfunded", "this feels vague and disappointing", "the timeline is unrealistic", "we are frustrated by the lack of progress", "this is a bad use of dues"];
const NEUTRAL = ["I would like more detail on the budget", "how will this be measured", "please share the timeline", "what does this mean for small libraries", "could you publish the milestones"];
const CLOSERS = ["", " Thanks.", " Looking forward to updates.", " Please keep us posted.", " =SUM(A1) just kidding."];

function pickWeighted<T>(random: () => number, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
}

function sampleDistinct<T>(random: () => number, items: readonly T[], k: number): T[] {
  const copy = [...items];
  for (let i = 0; i < Math.min(k, copy.length); i += 1) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}

/** Weighted sampling without replacement (Efraimidis–Spirakis keys). */
function weightedDistinct(random: () => number, weights: readonly number[], k: number): number[] {
  return weights
    .map((w, i) => ({ i, key: Math.pow(random(), 1 / Math.max(w, 1e-9)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, k)
    .map((x) => x.i);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export type SyntheticSummary = { members: number; votes: number; stances: number; stanceHistory: number; priorityRows: number; comments: number; staffReplies: number };

/**
 * Members with segments, support votes, stances with history, priority points within budget,
 * comments with tone, staff replies with response times and progress history. Traffic is skewed:
 * a few objectives get most of it and one objective carries 5,000 comments (or 40% when fewer).
 */
export async function seedSynthetic(sink: RowSink, options: SyntheticOptions, progress: ProgressFactory): Promise<SyntheticSummary> {
  const random = rng(options.seed);
  const now = Date.now();
  const run = `${now.toString(36)}`;
  const objectives = await sink.query<{ id: number; slug: string; is_urgent: boolean }>("select id, slug, is_urgent from objectives where retired_at is null order by id");
  if (objectives.length === 0) throw new Error("No plan objectives: run pnpm db:seed first.");
  // Zipf-like popularity over a shuffled order; the first objective of the order is the busiest.
  const order = sampleDistinct(random, objectives.map((_, i) => i), objectives.length);
  const weights = new Array<number>(objectives.length).fill(0);
  order.forEach((objectiveIndex, rank) => {
    weights[objectiveIndex] = 1 / Math.pow(rank + 1, 1.1);
  });
  const heavy = order[0]!;
  // Each objective's leaning: chance a stance is support / concern. Urgent ones are contested lately.
  const leaning = objectives.map(() => ({ support: 0.35 + random() * 0.35, concern: 0.1 + random() * 0.25 }));

  // 1. Members.
  const membersBar = progress("Members", options.members);
  let written = 0;
  await sink.write(
    "users",
    ["email", "display_name", "password_hash", "role", "created_at"],
    (function* () {
      for (let i = 1; i <= options.members; i += 1) {
        yield [`synthetic-${run}-${i}@example.invalid`, `Synthetic Member ${i}`, null, "member", iso(now - random() * 365 * DAY)];
      }
    })(),
    () => membersBar.update(++written),
  );
  const userRows = await sink.query<{ id: number }>(`select id from users where email like $1 order by id`, [`synthetic-${run}-%`]);
  const userIds = userRows.map((r) => Number(r.id));
  membersBar.done(userIds.length);

  const profileBar = progress("Member profiles", userIds.length);
  written = 0;
  const libraryOf: Array<string | null> = [];
  await sink.write(
    "member_profiles",
    ["user_id", "member_type", "career_stage", "library_type", "divisions", "round_tables", "state"],
    (function* () {
      for (const id of userIds) {
        const library = pickWeighted(random, LIBRARY_TYPES);
        libraryOf.push(library);
        const divisionCount = pickWeighted(random, [[0, 25], [1, 50], [2, 20], [3, 5]] as Array<[number, number]>);
        const roundCount = pickWeighted(random, [[0, 60], [1, 30], [2, 10]] as Array<[number, number]>);
        yield [
          id,
          pickWeighted(random, MEMBER_TYPES),
          pickWeighted(random, CAREER_STAGES),
          library,
          sampleDistinct(random, DIVISIONS, divisionCount),
          sampleDistinct(random, ROUND_TABLES, roundCount),
          STATES[Math.floor(random() * STATES.length)]!,
        ];
      }
    })(),
    () => profileBar.update(++written),
  );
  profileBar.done();

  // 2. Support votes, unique per member and objective; activity grows towards today.
  const maxVotes = userIds.length * objectives.length;
  const voteTarget = Math.min(options.votes, maxVotes);
  const perMember = voteTarget / userIds.length;
  const votesBar = progress("Support votes", voteTarget);
  const voted: number[][] = [];
  written = 0;
  await sink.write(
    "support_votes",
    ["user_id", "objective_id", "created_at"],
    (function* () {
      let remaining = voteTarget;
      for (let u = 0; u < userIds.length; u += 1) {
        const membersLeft = userIds.length - u;
        const mean = remaining / membersLeft;
        // Heavy-tailed: most members vote a little, a few vote on everything.
        let k = Math.round(-Math.log(1 - random()) * mean);
        k = Math.max(0, Math.min(objectives.length, k, remaining));
        if (membersLeft * objectives.length - objectives.length < remaining - k) k = Math.min(objectives.length, remaining);
        // Segment skew: public-library members lean to the busiest objective's neighbour.
        const w = libraryOf[u] === "Public" ? weights.map((x, i) => (i === order[1] ? x * 3 : x)) : weights;
        const chosen = weightedDistinct(random, w, k);
        voted.push(chosen);
        remaining -= chosen.length;
        for (const o of chosen) yield [userIds[u]!, objectives[o]!.id, iso(now - Math.pow(random(), 1.6) * HISTORY_DAYS * DAY)];
      }
    })(),
    () => votesBar.update(++written),
  );
  votesBar.done(written);
  const votes = written;
  void perMember;

  // 3. Stances with history: most voters declare one, plus some concerned non-voters.
  const stanceRows: Array<[number, number, string, string]> = [];
  const historyRows: Array<[number, number, string, string]> = [];
  const stanceOf = (o: number, recent: boolean, voter: boolean): string => {
    const lean = leaning[o]!;
    const turn = recent && objectives[o]!.is_urgent && o === order[0] ? 0.3 : 0;
    const r = random();
    const support = Math.max(0, lean.support + (voter ? 0.25 : -0.2) - turn);
    if (r < support) return "support";
    if (r < support + lean.concern + turn) return "concern";
    return "neutral";
  };
  for (let u = 0; u < userIds.length; u += 1) {
    const picks = new Set(voted[u]!.filter(() => random() < 0.7));
    if (random() < 0.15) picks.add(weightedDistinct(random, weights, 1)[0]!);
    for (const o of picks) {
      const changes = 1 + (random() < 0.25 ? 1 : 0) + (random() < 0.08 ? 1 : 0);
      let at = now - Math.pow(random(), 1.3) * HISTORY_DAYS * DAY;
      let stance = "neutral";
      for (let c = 0; c < changes; c += 1) {
        if (c > 0) at = at + random() * (now - at);
        stance = stanceOf(o, now - at < 28 * DAY, voted[u]!.includes(o));
        historyRows.push([userIds[u]!, objectives[o]!.id, stance, iso(at)]);
      }
      stanceRows.push([userIds[u]!, objectives[o]!.id, stance, iso(at)]);
    }
  }
  const stanceBar = progress("Stances", stanceRows.length + historyRows.length);
  written = 0;
  await sink.write("stances", ["user_id", "objective_id", "stance", "created_at", "updated_at"], stanceRows.map((r) => [...r, r[3]]), () => stanceBar.update(++written));
  await sink.write("stance_history", ["user_id", "objective_id", "stance", "created_at"], historyRows, () => stanceBar.update(++written));
  stanceBar.done();

  // 4. Priority points: 40% of members spend some of their 10, at most 5 on one objective.
  const priorityRows: Array<[number, number, number, string, string]> = [];
  for (const id of userIds) {
    if (random() >= 0.4) continue;
    let budget = 1 + Math.floor(random() * 10);
    for (const o of weightedDistinct(random, weights, 1 + Math.floor(random() * 4))) {
      if (budget <= 0) break;
      const points = Math.min(5, budget, 1 + Math.floor(random() * 5));
      budget -= points;
      const at = iso(now - random() * HISTORY_DAYS * DAY);
      priorityRows.push([id, objectives[o]!.id, points, at, at]);
    }
  }
  const pointsBar = progress("Priority points", priorityRows.length);
  written = 0;
  await sink.write("priority_allocations", ["user_id", "objective_id", "points", "created_at", "updated_at"], priorityRows, () => pointsBar.update(++written));
  pointsBar.done();

  // 5. Comments with tone; one objective carries 5,000 (or 40% of a smaller run).
  const heavyCount = Math.min(5_000, Math.round(options.comments * 0.4), options.comments);
  const rest = options.comments - heavyCount;
  const otherWeight = weights.reduce((sum, w, i) => (i === heavy ? sum : sum + w), 0);
  const perObjective = weights.map((w, i) => (i === heavy ? heavyCount : Math.floor((rest * w) / otherWeight)));
  perObjective[order[1]!]! += options.comments - perObjective.reduce((a, b) => a + b, 0);
  const commentsBar = progress("Comments", options.comments);
  written = 0;
  await sink.write(
    "comments",
    ["objective_id", "author_id", "kind", "body", "stance", "status", "tone", "created_at", "updated_at"],
    (function* () {
      for (let o = 0; o < objectives.length; o += 1) {
        for (let c = 0; c < perObjective[o]!; c += 1) {
          const author = userIds[Math.floor(Math.pow(random(), 2) * userIds.length)]!;
          const at = now - Math.pow(random(), 1.5) * HISTORY_DAYS * DAY;
          const stance = stanceOf(o, now - at < 28 * DAY, random() < 0.5);
          const pool = stance === "support" ? POSITIVE : stance === "concern" ? NEGATIVE : NEUTRAL;
          const body = `${OPENERS[Math.floor(random() * OPENERS.length)]} ${pool[Math.floor(random() * pool.length)]}.${CLOSERS[Math.floor(random() * CLOSERS.length)]}`;
          yield [objectives[o]!.id, author, "member", body, random() < 0.8 ? stance : null, "visible", scoreTone(body), iso(at), iso(at)];
        }
      }
    })(),
    () => commentsBar.update(++written),
  );
  commentsBar.done(written);

  // Every fifth comment becomes a reply to the one before it on the same objective (one level deep).
  const since = iso(now - (HISTORY_DAYS + 1) * DAY);
  await sink.query(
    `update comments c set parent_id = p.prev, stance = null
     from (select id, lag(id) over (partition by objective_id order by id) as prev from comments where author_id >= $1 and kind = 'member') p
     where c.id = p.id and p.prev is not null and c.id % 5 = 0 and c.created_at >= $2`,
    [userIds[0], since],
  );
  await sink.query(
    `update comments c set reply_count = r.n from (select parent_id, count(*)::int as n from comments where parent_id is not null group by parent_id) r where c.id = r.parent_id`,
  );

  // 6. Staff replies to about 30% of top-level comments, with the time to first response.
  const staff = await sink.query<{ id: number }>(`select id from users where role in ('staff', 'admin') order by id limit 1`);
  let staffReplies = 0;
  if (staff[0]) {
    const staffId = Number(staff[0].id);
    const inserted = await sink.query<{ n: number }>(
      `with picked as (
         select id, objective_id, created_at from comments
         where author_id >= $1 and kind = 'member' and parent_id is null and id % 10 < 3
       ), replies as (
         insert into comments (objective_id, parent_id, author_id, kind, body, status, tone, created_at, updated_at)
         select objective_id, id, $2, 'staff_reply', 'Thank you for this. We have shared it with the objective team.', 'visible', 0.4,
           least(now(), created_at + (random() * random() * interval '96 hours')), now()
         from picked
         returning id, parent_id, objective_id, created_at
       ), timings as (
         insert into response_timings (comment_id, objective_id, response_id, responder_id, first_response_at, seconds)
         select r.parent_id, r.objective_id, r.id, $2, r.created_at, greatest(0, extract(epoch from r.created_at - p.created_at))::int
         from replies r join picked p on p.id = r.parent_id
         returning 1
       )
       select count(*)::int as n from timings`,
      [userIds[0], staffId],
    );
    staffReplies = Number(inserted[0]?.n ?? 0);
  }

  // 7. Progress history: milestones and dated updates; percent grows, one urgent objective lags.
  for (let o = 0; o < objectives.length; o += 1) {
    const objective = objectives[o]!;
    const lagging = objective.is_urgent && o === order[0];
    const updates = 1 + Math.floor(random() * 3);
    let percent = 0;
    let status = "not_started";
    for (let u = 0; u < updates; u += 1) {
      percent = Math.min(100, percent + (lagging ? 3 : 8 + Math.floor(random() * 20)));
      status = lagging ? "at_risk" : percent >= 100 ? "completed" : random() < 0.8 ? "on_track" : "at_risk";
      const at = iso(now - ((updates - u) * HISTORY_DAYS * DAY) / (updates + 1));
      await sink.query(
        `insert into progress_updates (objective_id, author_id, body, status, percent_complete, created_at) values ($1, $2, $3, $4, $5, $6)`,
        [objective.id, staff[0] ? Number(staff[0].id) : null, `Progress update ${u + 1}: work continues (${percent}% complete).`, status, percent, at],
      );
    }
    await sink.query(`update objectives set percent_complete = $2, status = $3 where id = $1`, [objective.id, percent, status]);
    const milestones = 2 + Math.floor(random() * 2);
    for (let m = 0; m < milestones; m += 1) {
      const due = new Date(now + (m - (lagging ? 1.5 : 0.5)) * 90 * DAY).toISOString().slice(0, 10);
      const done = !lagging && new Date(due).getTime() < now;
      await sink.query(
        `insert into milestones (objective_id, title, due_date, done, created_at) values ($1, $2, $3::date, $4, $5)`,
        [objective.id, `Milestone ${m + 1}`, due, done, iso(now - HISTORY_DAYS * DAY)],
      );
    }
  }

  return { members: userIds.length, votes, stances: stanceRows.length, stanceHistory: historyRows.length, priorityRows: priorityRows.length, comments: written, staffReplies };
}
