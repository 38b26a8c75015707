import { Link, useLocation } from "@remix-run/react";

/** The moderation area's own tabs: the queue first, then what was hidden, the log and the hold rules. */
export function ModerationNav({ queueCount }: { queueCount?: number }) {
  const { pathname, search } = useLocation();
  const hiddenView = new URLSearchParams(search).get("view") === "hidden";
  const tabs = [
    { to: "/moderation", label: `Queue${queueCount !== undefined ? ` (${queueCount})` : ""}`, current: pathname === "/moderation" && !hiddenView },
    { to: "/moderation?view=hidden", label: "Hidden comments", current: pathname === "/moderation" && hiddenView },
    { to: "/moderation/log", label: "Decisions log", current: pathname === "/moderation/log" },
    { to: "/moderation/settings", label: "Hold rules", current: pathname === "/moderation/settings" },
    { to: "/moderation/alerts", label: "My alerts", current: pathname === "/moderation/alerts" },
  ];
  return (
    <nav className="subnav" aria-label="Moderation">
      {tabs.map((tab) => (
        <Link key={tab.to} to={tab.to} aria-current={tab.current ? "page" : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
