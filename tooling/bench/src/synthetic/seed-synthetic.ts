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

/** Chance a member leaves a question unanswered. */
const NOT_STATED_SHARE = 0.1;
/** How many options a member holds on a multiple-choice question. */
const MULTIPLE_COUNTS: Array<[number, number]> = [
  [0, 30],
  [1, 45],
  [2, 20],
  [3, 5],
];

const OPENERS = ["I think", "Honestly,", "From where I sit,", "In my library,", "As a member,", "Speaking for our branch,"];
const POSITIVE = [
  "this is a great step",
  "I strongly support this",
  "this will really help our patrons",
  "love the focus here",
  "this is exactly what we need",
  "excellent priority",
];
const NEGATIVE = [
  "this worries me",
  "I am concerned this is underfunded",
  "this feels vague and disappointing",
  "the timeline is unrealistic",
  "we are frustrated by the lack of progress",
  "this is a bad use of dues",
];
const NEUTRAL = [
  "I would like more detail on the budget",
  "how will this be measured",
  "please share the timeline",
  "what does this mean for small libraries",
  "could you publish the milestones",
];
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

/**
 * Takes `count` ids from a table's identity sequence for rows written with explicit ids (COPY writes
 * the given values, even into GENERATED ALWAYS columns). The table lock keeps concurrent inserts out.
 */
async function reserveIds(sink: RowSink, table: string, count: number): Promise<number> {
  const [row] = await sink.query<{ first: number }>(
    `with seq as (select pg_get_serial_sequence($1, 'id') as name)
     select setval((select name from seq), greatest((select coalesce(max(id), 0) from ${table}), nextval((select name from seq))) + $2::bigint) - $2::bigint + 1 as first`,
    [table, count],
  );
  return Number(row!.first);
}

export type SyntheticSummary = {
  members: number;
  votes: number;
  stances: number;
  stanceHistory: number;
  priorityRows: number;
  comments: number;
  staffReplies: number;
};

/**
 * Members with segments, support votes, stances with history, priority points within budget,
 * comments with tone, staff replies with response times and progress history. Traffic is skewed:
 * a few objectives get most of it and one objective carries 5,000 comments (or 40% when fewer).
 */
export async function seedSynthetic(sink: RowSink, options: SyntheticOptions, progress: ProgressFactory): Promise<SyntheticSummary> {
  const random = rng(options.seed);
  const now = Date.now();
  const run = `${now.toString(36)}`;
  const objectives = await sink.query<{ id: number; slug: string; is_urgent: boolean }>(
    "select id, slug, is_urgent from objectives where retired_at is null order by id",
  );
  if (objectives.length === 0) throw new Error("No plan objectives: run pnpm db:seed first.");
  // Zipf-like popularity over a shuffled order; the first objective of the order is the busiest.
  const order = sampleDistinct(
    random,
    objectives.map((_, i) => i),
    objectives.length,
  );
  const weights = new Array<number>(objectives.length).fill(0);
  order.forEach((objectiveIndex, rank) => {
    weights[objectiveIndex] = 1 / Math.pow(rank + 1, 1.1);
  });
  const heavy = order[0]!;
  const publicWeights = weights.map((x, i) => (i === order[1] ? x * 3 : x));
  // Each objective's leaning: chance a stance is support / concern. Urgent ones are contested lately.
  const leaning = objectives.map(() => ({ support: 0.35 + random() * 0.35, concern: 0.1 + random() * 0.25 }));

  // 1. Members.
  const membersBar = progress("Members", options.members);
  let written = 0;
  await sink.write(
    "users",
    // The handle is given: COPY on PostgreSQL skips the trigger that would make one (migration 0065).
    ["email", "display_name", "handle", "password_hash", "role", "created_at"],
    (function* () {
      for (let i = 1; i <= options.members; i += 1) {
        yield [`synthetic-${run}-${i}@example.invalid`, `Synthetic Member ${i}`, `synthetic-${run}-${i}`, null, "member", iso(now - random() * 365 * DAY)];
      }
    })(),
    () => membersBar.update(++written),
  );
  const userRows = await sink.query<{ id: number }>(`select id from users where email like $1 order by id`, [`synthetic-${run}-%`]);
  const userIds = userRows.map((r) => Number(r.id));
  membersBar.done(userIds.length);

  // Profile answers from the association's own questions and options, exactly what the profile form
  // offers (retired options and questions are not chosen). Earlier options are more common (1/rank).
  const questionRows = await sink.query<{ id: number; kind: string }>("select id, kind from profile_questions where retired_at is null order by position, id");
  const optionRows = await sink.query<{ id: number; question_id: number }>(
    "select id, question_id from profile_options where retired_at is null order by position, id",
  );
  const questions = questionRows
    .map((q) => ({ id: Number(q.id), kind: q.kind, options: optionRows.filter((o) => Number(o.question_id) === Number(q.id)).map((o) => Number(o.id)) }))
    .filter((q) => q.options.length > 0);
  const rankWeights = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1));
  // Segment skew: members holding the first option of the first one-choice question lean to the busiest objective's neighbour.
  const skewQuestion = questions.find((q) => q.kind === "single");
  const skewed = new Uint8Array(userIds.length);
  const profileBar = progress("Member profiles", userIds.length);
  written = 0;
  await sink.write(
    "member_answers",
    ["user_id", "question_id", "option_id", "source"],
    (function* () {
      for (const [u, id] of userIds.entries()) {
        for (const question of questions) {
          if (random() < NOT_STATED_SHARE) continue;
          const count = question.kind === "single" ? 1 : pickWeighted(random, MULTIPLE_COUNTS);
          for (const index of weightedDistinct(random, rankWeights(question.options.length), count)) {
            if (question === skewQuestion && index === 0) skewed[u] = 1;
            yield [id, question.id, question.options[index]!, "self"];
          }
        }
        profileBar.update(++written);
      }
    })(),
  );
  profileBar.done();

  // 2. Support votes, unique per member and objective; activity grows towards today. Which objectives
  // each member voted on is kept as one byte per member and objective, so 10M votes stay in memory.
  const maxVotes = userIds.length * objectives.length;
  const voteTarget = Math.min(options.votes, maxVotes);
  const votesBar = progress("Support votes", voteTarget);
  const voted = new Uint8Array(userIds.length * objectives.length);
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
        const w = skewed[u] ? publicWeights : weights;
        const chosen = weightedDistinct(random, w, k);
        remaining -= chosen.length;
        for (const o of chosen) {
          voted[u * objectives.length + o] = 1;
          yield [userIds[u]!, objectives[o]!.id, iso(now - Math.pow(random(), 1.6) * HISTORY_DAYS * DAY)];
        }
      }
    })(),
    () => votesBar.update(++written),
  );
  votesBar.done(written);
  const votes = written;

  // 3. Stances with history: most voters declare one, plus some concerned non-voters. Each member's
  // picks come from their own generator, so the stance pass and the history pass agree without
  // holding millions of rows.
  const stanceOf = (draw: () => number, o: number, recent: boolean, voter: boolean): string => {
    const lean = leaning[o]!;
    const turn = recent && objectives[o]!.is_urgent && o === order[0] ? 0.3 : 0;
    const r = draw();
    const support = Math.max(0, lean.support + (voter ? 0.25 : -0.2) - turn);
    if (r < support) return "support";
    if (r < support + lean.concern + turn) return "concern";
    return "neutral";
  };
  function* memberStances(u: number): Generator<{ o: number; history: Array<[string, number]> }> {
    const draw = rng(options.seed * 1_000_003 + u * 7919 + 17);
    const picks = new Set<number>();
    for (let o = 0; o < objectives.length; o += 1) if (voted[u * objectives.length + o] && draw() < 0.7) picks.add(o);
    if (draw() < 0.15) picks.add(weightedDistinct(draw, weights, 1)[0]!);
    for (const o of picks) {
      const changes = 1 + (draw() < 0.25 ? 1 : 0) + (draw() < 0.08 ? 1 : 0);
      let at = now - Math.pow(draw(), 1.3) * HISTORY_DAYS * DAY;
      const history: Array<[string, number]> = [];
      for (let c = 0; c < changes; c += 1) {
        if (c > 0) at = at + draw() * (now - at);
        history.push([stanceOf(draw, o, now - at < 28 * DAY, voted[u * objectives.length + o] === 1), at]);
      }
      yield { o, history };
    }
  }
  const stanceBar = progress("Stances", Math.round(voteTarget * 0.7 + userIds.length * 0.15));
  written = 0;
  let stanceRows = 0;
  await sink.write(
    "stances",
    ["user_id", "objective_id", "stance", "created_at", "updated_at"],
    (function* () {
      for (let u = 0; u < userIds.length; u += 1) {
        for (const { o, history } of memberStances(u)) {
          const [stance, at] = history[history.length - 1]!;
          stanceRows += 1;
          yield [userIds[u]!, objectives[o]!.id, stance, iso(at), iso(at)];
        }
      }
    })(),
    () => stanceBar.update(++written),
  );
  stanceBar.done(written);
  const historyBar = progress("Stance history", Math.round(stanceRows * 1.35));
  written = 0;
  await sink.write(
    "stance_history",
    ["user_id", "objective_id", "stance", "created_at"],
    (function* () {
      for (let u = 0; u < userIds.length; u += 1) {
        for (const { o, history } of memberStances(u)) for (const [stance, at] of history) yield [userIds[u]!, objectives[o]!.id, stance, iso(at)];
      }
    })(),
    () => historyBar.update(++written),
  );
  historyBar.done(written);
  const historyRows = written;

  // 4. Priority points: 40% of members spend some of their 10, at most 5 on one objective.
  const pointsBar = progress("Priority points", Math.round(userIds.length * 0.4 * 2));
  written = 0;
  await sink.write(
    "priority_allocations",
    ["user_id", "objective_id", "points", "created_at", "updated_at"],
    (function* () {
      for (const id of userIds) {
        if (random() >= 0.4) continue;
        let budget = 1 + Math.floor(random() * 10);
        for (const o of weightedDistinct(random, weights, 1 + Math.floor(random() * 4))) {
          if (budget <= 0) break;
          const points = Math.min(5, budget, 1 + Math.floor(random() * 5));
          budget -= points;
          const at = iso(now - random() * HISTORY_DAYS * DAY);
          yield [id, objectives[o]!.id, points, at, at];
        }
      }
    })(),
    () => pointsBar.update(++written),
  );
  pointsBar.done(written);
  const priorityRows = written;

  // 5. Comments with tone; one objective carries 5,000 (or 40% of a smaller run). Ids are reserved up
  // front, so replies, reply counts and staff answers are written in the same COPY instead of being
  // patched afterwards: every fifth comment (by id) answers the one before it on the same objective,
  // and staff answer about 30% of top-level comments, with the time to first response.
  const heavyCount = Math.min(5_000, Math.round(options.comments * 0.4), options.comments);
  const rest = options.comments - heavyCount;
  const otherWeight = weights.reduce((sum, w, i) => (i === heavy ? sum : sum + w), 0);
  const perObjective = weights.map((w, i) => (i === heavy ? heavyCount : Math.floor((rest * w) / otherWeight)));
  perObjective[order[1]!]! += options.comments - perObjective.reduce((a, b) => a + b, 0);
  const staff = await sink.query<{ id: number }>(`select id from users where role in ('staff', 'admin') order by id limit 1`);
  const staffId = staff[0] ? Number(staff[0].id) : null;
  const firstId = await reserveIds(sink, "comments", options.comments + Math.ceil(options.comments * 0.3) + 1);
  const answered: Array<{ id: number; objective: number; at: number }> = [];
  const commentsBar = progress("Comments", options.comments);
  written = 0;
  await sink.write(
    "comments",
    ["id", "objective_id", "parent_id", "author_id", "kind", "body", "stance", "status", "tone", "reply_count", "created_at", "updated_at"],
    (function* () {
      let id = firstId;
      for (let o = 0; o < objectives.length; o += 1) {
        for (let c = 0; c < perObjective[o]!; c += 1, id += 1) {
          const author = userIds[Math.floor(Math.pow(random(), 2) * userIds.length)]!;
          const at = now - Math.pow(random(), 1.5) * HISTORY_DAYS * DAY;
          const stance = stanceOf(random, o, now - at < 28 * DAY, random() < 0.5);
          const pool = stance === "support" ? POSITIVE : stance === "concern" ? NEGATIVE : NEUTRAL;
          const body = `${OPENERS[Math.floor(random() * OPENERS.length)]} ${pool[Math.floor(random() * pool.length)]}.${CLOSERS[Math.floor(random() * CLOSERS.length)]}`;
          const isReply = c > 0 && id % 5 === 0;
          const staffAnswers = staffId !== null && !isReply && id % 10 < 3;
          if (staffAnswers) answered.push({ id, objective: objectives[o]!.id, at });
          const replies = (c + 1 < perObjective[o]! && (id + 1) % 5 === 0 ? 1 : 0) + (staffAnswers ? 1 : 0);
          const declared = isReply ? null : random() < 0.8 ? stance : null;
          yield [id, objectives[o]!.id, isReply ? id - 1 : null, author, "member", body, declared, "visible", scoreTone(body), replies, iso(at), iso(at)];
        }
      }
    })(),
    () => commentsBar.update(++written),
  );
  commentsBar.done(written);
  const commentsWritten = written;

  // 6. Staff replies and their response timings.
  const staffBar = progress("Staff replies", answered.length * 2);
  written = 0;
  const replyAt = answered.map((a) => Math.min(now, a.at + random() * random() * 96 * 3_600_000));
  const replyId = (i: number) => firstId + options.comments + i;
  await sink.write(
    "comments",
    ["id", "objective_id", "parent_id", "author_id", "kind", "body", "status", "tone", "created_at", "updated_at"],
    (function* () {
      for (let i = 0; i < answered.length; i += 1) {
        const a = answered[i]!;
        yield [
          replyId(i),
          a.objective,
          a.id,
          staffId,
          "staff_reply",
          "Thank you for this. We have shared it with the objective team.",
          "visible",
          0.4,
          iso(replyAt[i]!),
          iso(now),
        ];
      }
    })(),
    () => staffBar.update(++written),
  );
  await sink.write(
    "response_timings",
    ["comment_id", "objective_id", "response_id", "responder_id", "first_response_at", "seconds"],
    (function* () {
      for (let i = 0; i < answered.length; i += 1) {
        const a = answered[i]!;
        yield [a.id, a.objective, replyId(i), staffId, iso(replyAt[i]!), Math.max(0, Math.round((replyAt[i]! - a.at) / 1000))];
      }
    })(),
    () => staffBar.update(++written),
  );
  staffBar.done(written);
  const staffReplies = answered.length;

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
      await sink.query(`insert into progress_updates (objective_id, author_id, body, status, percent_complete, created_at) values ($1, $2, $3, $4, $5, $6)`, [
        objective.id,
        staffId,
        `Progress update ${u + 1}: work continues (${percent}% complete).`,
        status,
        percent,
        at,
      ]);
    }
    await sink.query(`update objectives set percent_complete = $2, status = $3 where id = $1`, [objective.id, percent, status]);
    const milestones = 2 + Math.floor(random() * 2);
    for (let m = 0; m < milestones; m += 1) {
      const due = new Date(now + (m - (lagging ? 1.5 : 0.5)) * 90 * DAY).toISOString().slice(0, 10);
      const done = !lagging && new Date(due).getTime() < now;
      await sink.query(`insert into milestones (objective_id, title, due_date, done, created_at) values ($1, $2, $3::date, $4, $5)`, [
        objective.id,
        `Milestone ${m + 1}`,
        due,
        done,
        iso(now - HISTORY_DAYS * DAY),
      ]);
    }
  }

  return { members: userIds.length, votes, stances: stanceRows, stanceHistory: historyRows, priorityRows, comments: commentsWritten, staffReplies };
}
