import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "./app-server";
import { acceptsGzip, COMPRESS_MIN_BYTES, sendBody, streamingCompression, WHOLE_BODY_MAX_BYTES } from "./compress";

/** A page-like body: compressible, `size` bytes. */
const text = (size: number) => Buffer.from("<li>Synthetic Member</li>".repeat(Math.ceil(size / 25)).slice(0, size));

/** A Fetch body in chunks, as Remix hands one over. */
function chunked(body: Buffer, chunkSize = 16_384): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

let base = "";
let close = () => {};
const bodies: Record<string, { body: Buffer; type: string; cacheControl?: string }> = {
  "/page": { body: text(12_000), type: "text/html; charset=utf-8" },
  "/tiny": { body: text(COMPRESS_MIN_BYTES - 1), type: "application/json" },
  "/image": { body: text(8_000), type: "image/png" },
  "/no-transform": { body: text(8_000), type: "text/html", cacheControl: "private, no-transform" },
  "/export": { body: text(WHOLE_BODY_MAX_BYTES + 300_000), type: "text/csv" },
};

beforeAll(async () => {
  const app = express();
  app.use(streamingCompression());
  app.all("*", (req, res, next) => {
    const found = bodies[req.path];
    if (!found) return next();
    res.type(found.type);
    if (found.cacheControl) res.set("Cache-Control", found.cacheControl);
    sendBody(req, res, chunked(found.body)).catch(next);
  });
  const server = await listen(app, 0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

/** Raw bytes and headers: fetch would decode gzip and hide what was sent. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("answers sent whole", () => {
  it("gzips a page in one piece, with its compressed length, when the client takes gzip", async () => {
    const { headers, body } = await get("/page", { "accept-encoding": "gzip, deflate, br" });
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(Number(headers["content-length"])).toBe(body.length);
    expect(body.length).toBeLessThan(bodies["/page"]!.body.length / 4);
    expect(gunzipSync(body).equals(bodies["/page"]!.body)).toBe(true);
    expect(headers.vary).toMatch(/Accept-Encoding/i);
  });

  it("sends it as it is to a client that refuses gzip, or does not say", async () => {
    for (const acceptEncoding of ["gzip;q=0, identity", "identity", undefined]) {
      const { headers, body } = await get("/page", acceptEncoding ? { "accept-encoding": acceptEncoding } : {});
      expect(headers["content-encoding"]).toBeUndefined();
      expect(body.equals(bodies["/page"]!.body)).toBe(true);
      expect(Number(headers["content-length"])).toBe(body.length);
    }
  });

  it("leaves small, incompressible and no-transform answers alone", async () => {
    for (const path of ["/tiny", "/image", "/no-transform"]) {
      const { headers, body } = await get(path, { "accept-encoding": "gzip" });
      expect(headers["content-encoding"], path).toBeUndefined();
      expect(body.equals(bodies[path]!.body), path).toBe(true);
    }
  });

  it("answers HEAD with the headers only", async () => {
    const { headers, body } = await get("/page", { "accept-encoding": "gzip" }, "HEAD");
    expect(body.length).toBe(0);
    expect(headers["content-encoding"]).toBeUndefined();
    expect(Number(headers["content-length"])).toBe(bodies["/page"]!.body.length);
  });
});

describe("a body too large to hold", () => {
  it("streams through the middleware, still gzipped, every byte in order", async () => {
    const { headers, body } = await get("/export", { "accept-encoding": "gzip" });
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers["transfer-encoding"]).toBe("chunked");
    expect(gunzipSync(body).equals(bodies["/export"]!.body)).toBe(true);
  });

  it("streams as it is to a client without gzip", async () => {
    const { headers, body } = await get("/export");
    expect(headers["content-encoding"]).toBeUndefined();
    expect(body.equals(bodies["/export"]!.body)).toBe(true);
  });
});

describe("acceptsGzip", () => {
  it.each([
    ["gzip", true],
    ["br, gzip;q=0.5", true],
    ["*", true],
    ["GZIP", true],
    ["gzip;q=0", false],
    ["gzip; q=0.0", false],
    ["br", false],
    ["", false],
  ])("%j → %s", (header, expected) => {
    const req = { get: () => header || undefined } as unknown as express.Request;
    expect(acceptsGzip(req)).toBe(expected);
  });
});
