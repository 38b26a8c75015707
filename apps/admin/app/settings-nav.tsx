import { NavLink } from "@remix-run/react";

/** The admin settings pages: the organisation, and what members are asked. */
export function SettingsNav() {
  return (
    <nav aria-label="Settings" className="segment-tabs">
      <NavLink to="/settings" end className="segment-tabs__tab">
        Organisation
      </NavLink>
      <NavLink to="/settings/profile-questions" className="segment-tabs__tab">
        Profile questions
      </NavLink>
    </nav>
  );
}
