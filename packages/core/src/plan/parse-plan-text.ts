export type ParsedObjective = { text: string; isUrgent: boolean; line: number };
export type ParsedDomain = {
  slug: string;
  name: string;
  aliases: string[];
  goalStatement: string;
  objectives: ParsedObjective[];
  line: number;
};
export type ParsedPlan = {
  title: string;
  intro: string;
  mission: string;
  vision: string;
  values: string[];
  domains: ParsedDomain[];
};
export type PlanTextIssue = { line: number; message: string };

export class PlanTextError extends Error {
  readonly issues: PlanTextIssue[];
  constructor(issues: PlanTextIssue[]) {
    super(`The plan text has ${issues.length} problem(s): ${issues.map((i) => `line ${i.line}: ${i.message}`).join("; ")}`);
    this.name = "PlanTextError";
    this.issues = issues;
  }
}

const HEADINGS = {
  mission: "mission",
  vision: "vision",
  values: "values",
  domains: "domains and goal statements",
  objectives: "strategic objectives per domain",
} as const;
type Section = keyof typeof HEADINGS;

const URGENT_MARKER = /\s*\(urgent priority\)\s*$/i;
const MAX_TEXT = 5_000;

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function headingOf(line: string): Section | null {
  const key = line.trim().toLowerCase();
  for (const [section, heading] of Object.entries(HEADINGS) as [Section, string][]) {
    if (key === heading) return section;
  }
  return null;
}

/**
 * Reads a strategic plan in the seed's text format: a title line, an introduction, then the
 * headings Mission, Vision, Values, "Domains and Goal Statements" ("- Name: goal statement" lines)
 * and "Strategic Objectives per Domain" (a domain name line followed by "- objective" lines, an
 * objective ending in "(urgent priority)" being urgent). Every problem is reported with its line
 * number; nothing partial is ever returned.
 */
export function parsePlanText(text: string): ParsedPlan {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const issues: PlanTextIssue[] = [];
  const problem = (line: number, message: string) => issues.push({ line, message });

  const firstIndex = lines.findIndex((l) => l.trim() !== "");
  if (firstIndex === -1) throw new PlanTextError([{ line: 1, message: "The text is empty" }]);
  const title = lines[firstIndex]!.trim();

  const missionIndex = lines.findIndex((l) => headingOf(l) === "mission");
  const preambleEnd = missionIndex === -1 ? lines.length : missionIndex;
  // The introduction is the prose before "Mission"; repeated titles and navigation links are not prose.
  const intro = lines
    .slice(firstIndex + 1, preambleEnd)
    .map((l) => l.trim())
    .filter((l) => l !== "" && l !== title && headingOf(l) === null && l.split(/\s+/).length >= 8)
    .join("\n\n");

  let section: Section | null = null;
  const seen = new Set<Section>();
  const sectionText: Record<"mission" | "vision", string[]> = { mission: [], vision: [] };
  const values: string[] = [];
  const domains: ParsedDomain[] = [];
  let currentDomain: ParsedDomain | null = null;
  const matchedDomains = new Set<ParsedDomain>();

  for (let index = preambleEnd; index < lines.length; index += 1) {
    const lineNo = index + 1;
    const raw = lines[index]!;
    const line = raw.trim();
    if (line === "") continue;

    const heading = headingOf(line);
    if (heading && !(section === "objectives" && heading === "objectives")) {
      if (seen.has(heading)) problem(lineNo, `The heading "${line}" appears twice`);
      seen.add(heading);
      section = heading;
      continue;
    }

    switch (section) {
      case "mission":
      case "vision":
        sectionText[section].push(line);
        break;
      case "values":
        values.push(line.replace(/^[-*]\s+/, ""));
        break;
      case "domains": {
        const match = /^-\s+([^:]+?)\s*:\s*(.+)$/.exec(line);
        if (!match) {
          problem(lineNo, `Expected a domain as "- Name: goal statement", found "${shorten(line)}"`);
          break;
        }
        const name = match[1]!.trim();
        const slug = slugify(name);
        if (!slug) {
          problem(lineNo, `The domain name "${name}" has no letters or digits`);
          break;
        }
        if (domains.some((d) => d.slug === slug)) {
          problem(lineNo, `The domain "${name}" is listed twice`);
          break;
        }
        domains.push({ slug, name, aliases: [], goalStatement: match[2]!.trim(), objectives: [], line: lineNo });
        break;
      }
      case "objectives": {
        if (line.startsWith("-")) {
          const body = line.replace(/^-\s*/, "");
          const isUrgent = URGENT_MARKER.test(body);
          const objectiveText = body.replace(URGENT_MARKER, "").trim();
          if (!currentDomain) {
            problem(lineNo, "An objective comes before any domain name: put the domain's name on the line above");
          } else if (objectiveText === "") {
            problem(lineNo, "The objective has no text");
          } else if (objectiveText.length > MAX_TEXT) {
            problem(lineNo, `The objective is longer than ${MAX_TEXT} characters`);
          } else {
            currentDomain.objectives.push({ text: objectiveText, isUrgent, line: lineNo });
          }
          break;
        }
        const domain = matchDomain(domains, line, matchedDomains);
        if (!domain) {
          const known = domains.map((d) => `"${d.name}"`).join(", ") || "none";
          problem(lineNo, `"${shorten(line)}" is not a domain from "Domains and Goal Statements" (known: ${known})`);
          currentDomain = null;
          break;
        }
        if (matchedDomains.has(domain)) problem(lineNo, `The objectives of "${domain.name}" are listed twice`);
        matchedDomains.add(domain);
        if (domain.name.toLowerCase() !== line.toLowerCase()) domain.aliases.push(line);
        currentDomain = domain;
        break;
      }
      case null:
        problem(lineNo, `Unexpected text before the "Mission" heading: "${shorten(line)}"`);
        break;
    }
  }

  const mission = sectionText.mission.join(" ");
  const vision = sectionText.vision.join(" ");
  const endLine = lines.length;
  if (!seen.has("mission")) problem(endLine, 'The "Mission" heading is missing');
  else if (!mission) problem(endLine, "The mission is empty");
  if (!seen.has("vision")) problem(endLine, 'The "Vision" heading is missing');
  else if (!vision) problem(endLine, "The vision is empty");
  if (!seen.has("domains")) problem(endLine, 'The "Domains and Goal Statements" heading is missing');
  else if (domains.length === 0) problem(endLine, "No domains are listed");
  if (!seen.has("objectives")) problem(endLine, 'The "Strategic Objectives per Domain" heading is missing');
  for (const domain of domains) {
    if (seen.has("objectives") && domain.objectives.length === 0) {
      problem(domain.line, `The domain "${domain.name}" has no objectives`);
    }
  }

  if (issues.length > 0) throw new PlanTextError(issues.sort((a, b) => a.line - b.line));
  return { title, intro, mission, vision, values, domains };
}

/**
 * The objectives heading for a domain may differ from the domain's own name (the seed plan says
 * "Financial Sustainability" for "Financial Stability"). An exact name wins; otherwise the first
 * not-yet-matched domain in the same position that shares the first word is taken, and the heading
 * is kept as an alias.
 */
function matchDomain(domains: ParsedDomain[], heading: string, matched: Set<ParsedDomain>): ParsedDomain | undefined {
  const key = heading.toLowerCase();
  const exact = domains.find((d) => d.name.toLowerCase() === key || d.slug === slugify(heading));
  if (exact) return exact;
  const position = matched.size;
  const candidate = domains[position];
  const firstWord = (s: string) => s.toLowerCase().split(/\s+/)[0];
  if (candidate && !matched.has(candidate) && firstWord(candidate.name) === firstWord(heading)) return candidate;
  return undefined;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
