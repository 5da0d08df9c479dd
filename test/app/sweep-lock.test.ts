import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { Redis } from "ioredis";
import { createRedisSweepLock } from "../../src/app/sweep-lock.js";
import { waitFor } from "../e2e/wait-for.js";
import { needsProgram } from "../helpers/needs-program.js";

/** Replicas sharing Redis sweep for unfinished check runs one at a time (a real redis-server; skipped without one, never in CI). */
const INSTALL = "`sudo apt-get install redis-server` (Debian, Ubuntu) or `brew install redis` (macOS)";
const redisServer = needsProgram("redis-server", INSTALL);
const describeWithRedis = redisServer.skip ? describe.skip : describe;

describeWithRedis(`the reconciler's sweep lock on Redis${redisServer.skip ? ` (SKIPPED: ${redisServer.reason})` : ""}`, () => {
  let server: ChildProcess;
  const clients: Redis[] = [];

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const listening = () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        }).on("error", () => resolve(false));
      });
    await waitFor(listening, { what: `redis-server to listen on port ${port}` });
    for (let i = 0; i < 2; i++) clients.push(new Redis(port, "127.0.0.1"));
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
    server?.kill();
  });

  it("two replicas: the first claims the sweep, the other skips until the claim lapses", async () => {
    const [one, two] = clients.map((c) => createRedisSweepLock(c, "test:reconcile-lock")) as [ReturnType<typeof createRedisSweepLock>, ReturnType<typeof createRedisSweepLock>];
    expect(await one.claim(1)).toBe(true);
    expect(await two.claim(1)).toBe(false);
    expect(await one.claim(1)).toBe(false);
    expect(await waitFor(() => two.claim(1), { timeout: 5_000, what: "the claim to lapse after 1 s" })).toBe(true);
  });
});
