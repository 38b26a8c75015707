import { Outlet, Scripts } from "@remix-run/react";

/** No layout: the document, the page and Remix's scripts. */
export default function Root() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>Floor</title>
      </head>
      <body>
        <Outlet />
        <Scripts />
      </body>
    </html>
  );
}
