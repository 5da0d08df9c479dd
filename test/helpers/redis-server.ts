import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { needsProgram } from "./needs-program.js";

export const REDIS_INSTALL = "`sudo apt-get install redis-server` (Debian, Ubuntu) or `brew install redis` (macOS)";

/** Whether this machine can run the Redis tests: skipped with the install command where it cannot, never in CI. */
export const redisServerCheck = needsProgram("redis-server", REDIS_INSTALL);

/**
 * A throwaway redis-server on a free loopback port, nothing saved; `stop()` ends it. Test files run
 * side by side, so two may pick the same free port: only a server that says it is ready is ours,
 * and one that could not bind is replaced by another on a new port.
 */
export async function startRedisServer(attempts = 5): Promise<{ port: number; stop(): void }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    const ready = await new Promise<boolean>((resolve, reject) => {
      let said = "";
      server.stdout.on("data", (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes("Ready to accept connections")) resolve(true);
      });
      server.on("error", (e) =>
        reject(new Error(`redis-server is needed for this test (install it: ${REDIS_INSTALL}): ${e.message}`)),
      );
      server.on("exit", () => resolve(false));
    });
    if (ready) return { port, stop: () => server.kill() };
    if (attempt >= attempts) throw new Error(`redis-server would not start on a free port after ${attempts} tries`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
