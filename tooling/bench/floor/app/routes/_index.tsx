import { useLoaderData } from "@remix-run/react";

type Context = { query: (text: string) => Promise<{ rows: Array<{ id: number; display_name: string }> }> };

/** The same work as the portal's /bench/control: one 50-row query, plain links. */
export async function loader({ context }: { context: Context }) {
  const { rows } = await context.query("select id, display_name from users order by id limit 50");
  return { rows };
}

export default function Floor() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <ul>
      {rows.map((row) => (
        <li key={row.id}>
          <a href={`/?member=${row.id}`}>{row.display_name}</a>
        </li>
      ))}
    </ul>
  );
}
