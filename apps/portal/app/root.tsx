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
  useSearchParams,
} from "@remix-run/react";
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
  VerifyEmailBanner,
} from "@planpulse/ui";
import stylesHref from "@planpulse/ui/styles.css?url";
import type { ReactNode } from "react";
import { getCaller, refuseSuspendedAccount } from "@planpulse/remix";
import "./load-context";

// Pages set their own titles; an error page (404 and the like) still needs one.
export const meta: MetaFunction<typeof loader> = ({ error, data }) => {
  const title = data?.organisation.portalTitle ?? "Plan Pulse";
  return [{ title: error ? `Page not available · ${title}` : title }, { name: "description", content: data?.organisation.portalDescription ?? "" }];
};

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  {
    rel: "icon",
    href: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%231d4ed8'/%3E%3C/svg%3E",
  },
];

export async function loader(args: LoaderFunctionArgs) {
  const caller = await getCaller(args);
  const [me, organisation] = await Promise.all([caller.me.get(), caller.organisation.get()]);
  // A suspended account sees the suspended page everywhere but its own data (/me: export, delete).
  refuseSuspendedAccount(args.request, me, ["/me", "/me/export", "/logout"]);
  return { me, organisation, unreadNotifications: me ? await caller.notification.unreadCount() : 0 };
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const me = data?.me ?? null;
  const organisation = useOrganisation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          {organisation.logoUrl ? (
            <img src={organisation.logoUrl} alt="" className="brand__logo" height={32} />
          ) : (
            <span className="brand__mark" aria-hidden="true">
              {organisation.shortName.slice(0, 3)}
            </span>
          )}
          <span className="brand__words">
            <span className="brand__title">{organisation.portalTitle}</span> <span className="brand__sub">{organisation.name}</span>
          </span>
        </Link>
        <SiteNavigation label="Main">
          <NavLink to="/" end>
            The plan
          </NavLink>
          <NavLink to="/priorities">Priorities</NavLink>
          <NavLink to="/dashboard">Dashboard</NavLink>
          <NavLink to="/search">Search</NavLink>
          {me ? (
            <>
              <NavLink to="/me" end>
                My account
              </NavLink>
              <NavLink
                to="/me/notifications"
                aria-label={data?.unreadNotifications ? `Notifications, ${data.unreadNotifications} unread` : "Notifications, none unread"}
              >
                Notifications{data?.unreadNotifications ? ` (${data.unreadNotifications})` : ""}
              </NavLink>
              <span className="user-chip">Signed in as {me.displayName}</span>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--link">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login">Sign in</NavLink>
              <Link to="/signup" className="button button--secondary">
                Join the conversation
              </Link>
            </>
          )}
        </SiteNavigation>
      </div>
    </header>
  );
}

function Footer() {
  const organisation = useOrganisation();
  return (
    <p>
      {organisation.portalTitle} · {organisation.portalDescription}
      {organisation.contactEmail ? (
        <>
          {" "}
          · Contact: <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>
        </>
      ) : null}
    </p>
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
          <PageShell header={<Header />} footer={<Footer />}>
            {children}
          </PageShell>
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
        </body>
      </html>
    </OrganisationProvider>
  );
}

/** Once, right after sign-up (?welcome=1): what a new member can do next. */
function Welcome() {
  const data = useRouteLoaderData<typeof loader>("root");
  const [params] = useSearchParams();
  if (params.get("welcome") !== "1" || !data?.me) return null;
  return (
    <section className="notice notice--success welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome, {data.me.displayName}</h2>
      <p>Your account is ready. What you can do next:</p>
      <ul>
        {data.me.emailVerified ? null : (
          <li>
            <strong>Confirm your email address</strong> with the link we sent to {data.me.email}; until then you can read everything but not take part.
          </li>
        )}
        <li>
          <Link to="/">Read the plan</Link> and press <strong>Support</strong> on the objectives you back.
        </li>
        <li>
          <Link to="/priorities">Spread your 10 priority points</Link> across the objectives that matter most to you.
        </li>
        <li>On an objective, say your stance (in favour, neutral or concerned) and join its discussion.</li>
      </ul>
    </section>
  );
}

export default function App() {
  const me = useRouteLoaderData<typeof loader>("root")?.me;
  return (
    <>
      {me && !me.emailVerified && !me.suspended ? <VerifyEmailBanner email={me.email} /> : null}
      <Welcome />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403 && isAccountSuspendedError(error.data)) {
    return (
      <SuspendedAccountPanel>
        <p>
          You can still <Link to="/me#data">export or delete your own data</Link> under My account.
        </p>
        <Form method="post" action="/logout">
          <button type="submit" className="button button--secondary">
            Sign out
          </button>
        </Form>
      </SuspendedAccountPanel>
    );
  }
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404
        ? "We could not find that page"
        : error.status === 403
          ? "You do not have access to this page"
          : error.statusText || "Something went wrong";
    return (
      <ErrorPanel status={error.status} title={title}>
        {typeof error.data === "string" && error.data && !error.data.startsWith("Error: ") ? (
          <p>{error.data}</p>
        ) : error.status === 404 ? (
          <p>The address may be mistyped, or the page may have moved.</p>
        ) : null}
        <p>
          <Link to="/">Back to the plan</Link>
        </p>
      </ErrorPanel>
    );
  }
  return (
    <ErrorPanel status={500} title="Something went wrong on our side">
      <p>Please try again in a moment. If it keeps happening, tell the association's web team.</p>
      <p>
        <Link to="/">Back to the plan</Link>
      </p>
    </ErrorPanel>
  );
}
