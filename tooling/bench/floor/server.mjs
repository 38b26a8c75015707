// The bench's framework floor: Express + Remix's own request handler, a pg pool of 10, nothing else.
// node server.mjs (DATABASE_URL, PORT); built first with `vite build` in this folder.
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const build = await import(new URL("./build/server/index.js", import.meta.url).href);
const app = express();
app.disable("x-powered-by");
app.use("/assets", express.static(new URL("./build/client/assets", import.meta.url).pathname, { immutable: true, maxAge: "1y" }));
app.all("*", createRequestHandler({ build, mode: "production", getLoadContext: () => ({ query: (text) => pool.query(text) }) }));
app.listen(Number(process.env.PORT ?? 3264), "127.0.0.1");
