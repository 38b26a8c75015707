/** A page's title ending in the portal's own title (organisation settings), from the root loader's data. */
export function pageTitle(matches: ReadonlyArray<{ id: string; data?: unknown }>, title: string, suffix = ""): string {
  const root = matches.find((match) => match.id === "root")?.data as { organisation?: { portalTitle?: string } } | undefined;
  return `${title} · ${root?.organisation?.portalTitle ?? "Plan Pulse"}${suffix}`;
}
