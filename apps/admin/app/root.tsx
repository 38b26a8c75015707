import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getCaller, refuseSuspendedAccount } from "@planpulse/remix";
import {
  AccentStyle,
  ErrorPanel,
  isAccountSuspendedError,
  OrganisationProvider,
  PageShell,
  SiteNavigation,
  SuspendedAccountPanel,
  useNonce,
  useOrganisation,
} from "@planpulse/ui";
import stylesHref from "@planpulse/ui/styles.css?url";
import { can, ROLE_LABELS, WORKSPACE_SECTIONS } from "@planpulse/validators/domain";
import type { ReactNode } from "react";
import "./load-context";

// Pages set their own titles; an error page (403, 404) still needs one.
export const meta: MetaFunction = ({ error }) => [{ title: error ? "Page not available · Plan Pulse staff workspace" : "Plan Pulse staff workspace" }];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  {
    rel: "icon",
    href: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%231b1f24'/%3E%3C/svg%3E",
  },
];

export async function loader(args: LoaderFunctionArgs) {
  const caller = await getCaller(args);
  const [me, organisation] = await Promise.all([caller.me.get(), caller.organisation.get()]);
  // A suspended account keeps no staff power: every workspace page is the suspended page.
  refuseSuspendedAccount(args.request, me, ["/logout"]);
  return { me, organisation };
}

function OrganisationBrand() {
  const organisation = useOrganisation();
  return (
    <>
      {organisation.logoUrl ? (
        <img src={organisation.logoUrl} alt="" className="brand__logo" height={32} />
      ) : (
        <span className="brand__mark" aria-hidden="true" style={{ background: "#1b1f24" }}>
          PP
        </span>
      )}
      {organisation.portalTitle} <span className="brand__sub">Staff workspace · {organisation.shortName}</span>
    </>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const me = data?.me ?? null;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <OrganisationBrand />
        </Link>
        <SiteNavigation label="Workspace" wideFrom="admin">
          {me ? (
            <>
              <NavLink to="/" end>
                Overview
              </NavLink>
              {WORKSPACE_SECTIONS.filter((section) => can(me.role, section.capability)).map((section) => (
                <NavLink key={section.path} to={section.path}>
                  {section.label}
                </NavLink>
              ))}
              <span className="user-chip">
                {me.displayName} · {ROLE_LABELS[me.role]}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--link">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <NavLink to="/login">Sign in</NavLink>
          )}
        </SiteNavigation>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <OrganisationProvider value={data?.organisation}>
      <html lang="en">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <Links />
          <AccentStyle />
        </head>
        <body>
          <PageShell
            header={<Header />}
            footer={<p>{data?.organisation.portalTitle ?? "Plan Pulse"} staff workspace · moderation, responses, progress and insight</p>}
          >
            {children}
          </PageShell>
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
        </body>
      </html>
    </OrganisationProvider>
  );
}

export default function App() {
  return <Outlet />;
}

/** Remix's own 404 text ("Error: No route matches URL …") is for developers, not for the page. */
function readableDetail(data: unknown): string | null {
  return typeof data === "string" && data && !data.startsWith("Error: ") ? data : null;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const me = useRouteLoaderData<typeof loader>("root")?.me ?? null;
  if (isRouteErrorResponse(error) && error.status === 403 && isAccountSuspendedError(error.data)) {
    return (
      <SuspendedAccountPanel>
        <p>You can still export or delete your own data on the member portal, under My account.</p>
        <Form method="post" action="/logout">
          <button type="submit" className="button button--secondary">
            Sign out
          </button>
        </Form>
      </SuspendedAccountPanel>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403 && me && me.role !== "member") {
    // Staff opening a page for another role (say /plan, which is for administrators).
    return (
      <ErrorPanel status={403} title="This page is not part of your role">
        <p>
          You are signed in as {me.displayName} ({ROLE_LABELS[me.role]}). {readableDetail(error.data) ?? "This page is for another staff role."}
        </p>
        <p>If you need it for your work, ask an administrator to change your role.</p>
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </ErrorPanel>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <ErrorPanel status={403} title="This workspace is for association staff">
        <p>Your account does not have a staff role, so the staff workspace is closed to you. Members take part in the plan on the member portal.</p>
        <p>If you should have staff access, ask an administrator to change your role.</p>
        <Form method="post" action="/logout">
          <button type="submit" className="button button--secondary">
            Sign out and use another account
          </button>
        </Form>
      </ErrorPanel>
    );
  }
  if (isRouteErrorResponse(error)) {
    return (
      <ErrorPanel status={error.status} title={error.status === 404 ? "We could not find that page" : error.statusText || "Something went wrong"}>
        {readableDetail(error.data) ? (
          <p>{readableDetail(error.data)}</p>
        ) : error.status === 404 ? (
          <p>The address may be mistyped, or the page may have moved.</p>
        ) : null}
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </ErrorPanel>
    );
  }
  return (
    <ErrorPanel status={500} title="Something went wrong on our side">
      <p>Please try again in a moment.</p>
    </ErrorPanel>
  );
}
