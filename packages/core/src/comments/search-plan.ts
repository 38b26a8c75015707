import type { DB, Kysely } from "@planpulse/db";
import { searchComments, searchObjectives } from "./queries";
import { SEARCH_QUERY_MAX } from "@planpulse/validators";
import { AppError } from "../errors";

/** A piece of highlighted text: `mark` pieces matched the query. Rendered as text, never as HTML. */
export type HighlightSegment = { text: string; mark: boolean };

export type SearchResults = {
  query: string;
  objectives: Array<{ slug: string; position: number; domainName: string; domainSlug: string; highlight: HighlightSegment[] }>;
  /** Matching comments grouped by objective, best match first. */
  commentGroups: Array<{
    objective: { slug: string; text: string; position: number };
    comments: Array<{ id: number; authorName: string | null; isStaff: boolean; createdAt: string; highlight: HighlightSegment[] }>;
  }>;
  total: number;
};

// Private-use characters cannot come from ts_headline itself, and are stripped from the text first.
const START = "\uE000";
const STOP = "\uE001";

/** Snippets read as prose: markdown link syntax becomes its label and emphasis markers go. */
function withoutMarkdownSyntax(text: string): string {
  return text
    .replace(/\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/\*(?=\S)|(?<=\S)\*/g, "")
    .replace(/(^|\s)>\s/g, "$1");
}

export function splitHighlight(headline: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(START);
    if (start === -1) {
      segments.push({ text: rest, mark: false });
      break;
    }
    if (start > 0) segments.push({ text: rest.slice(0, start), mark: false });
    const stop = rest.indexOf(STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    const marked = rest.slice(start + 1, end);
    if (marked) segments.push({ text: marked, mark: true });
    rest = stop === -1 ? "" : rest.slice(stop + 1);
  }
  // Adjacent marks ("library" "workers") read better as one.
  return segments
    .map((segment) => ({ text: withoutMarkdownSyntax(segment.text), mark: segment.mark }))
    .filter((segment) => segment.text.length > 0)
    .reduce<HighlightSegment[]>((merged, segment) => {
      const last = merged[merged.length - 1];
      if (last && last.mark === segment.mark) last.text += segment.text;
      else merged.push({ ...segment });
      return merged;
    }, []);
}

/** Full-text search over the plan's objectives and the visible discussion. */
export async function searchPlan(db: Kysely<DB>, input: { q: string }): Promise<SearchResults> {
  const q = input.q.trim();
  if (!q)
    throw new AppError("BAD_REQUEST", { userMessage: "Type a word or phrase to search for", fieldErrors: { q: ["Type a word or phrase to search for"] } });
  if (q.length > SEARCH_QUERY_MAX) {
    throw new AppError("BAD_REQUEST", { userMessage: "Search for at most 200 characters", fieldErrors: { q: ["Search for at most 200 characters"] } });
  }
  const markers = { start: START, stop: STOP };
  const [objectives, comments] = await Promise.all([searchObjectives(db, q, markers, 22), searchComments(db, q, markers, 60)]);
  const groups = new Map<string, SearchResults["commentGroups"][number]>();
  for (const row of comments) {
    let group = groups.get(row.objective_slug);
    if (!group) {
      group = { objective: { slug: row.objective_slug, text: row.objective_text, position: row.objective_position }, comments: [] };
      groups.set(row.objective_slug, group);
    }
    group.comments.push({
      id: row.id,
      authorName: row.author_name,
      isStaff: row.kind !== "member",
      createdAt: new Date(row.created_at).toISOString(),
      highlight: splitHighlight(row.headline),
    });
  }
  return {
    query: q,
    objectives: objectives.map((row) => ({
      slug: row.slug,
      position: row.position,
      domainName: row.domain_name,
      domainSlug: row.domain_slug,
      highlight: splitHighlight(row.headline),
    })),
    commentGroups: [...groups.values()],
    total: objectives.length + comments.length,
  };
}
