// The physical limit of a vote over HTTP here: node:http + pg, no framework, no session lookup,
// running the statements vote.toggle runs (passed in as VOTE_SQL and COUNT_SQL, compiled from
// @planpulse/db by the bench), as named prepared statements like the app's. POST {"userId":…,"objectiveId":…} → {"supported":true,"count":…}.
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const voteSql = process.env.VOTE_SQL;
const countSql = process.env.COUNT_SQL;
http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", async () => {
      try {
        const { userId, objectiveId } = JSON.parse(Buffer.concat(chunks).toString());
        const vote = await pool.query({ name: "vote", text: voteSql, values: [objectiveId, userId, userId] });
        if (!vote.rows[0]?.found) throw new Error("no such objective");
        const count = await pool.query({ name: "count", text: countSql, values: [objectiveId] });
        const body = JSON.stringify({ supported: true, count: Number(count.rows[0]?.supports ?? 0) });
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      } catch (error) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    });
  })
  .listen(Number(process.env.PORT ?? 3265), "127.0.0.1");
