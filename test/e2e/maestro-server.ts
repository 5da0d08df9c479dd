import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, whether this runs from test/ (Jest) or dist/test/ (the benchmark). */
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, "package.json")) || existsSync(join(root, "tsconfig.build.json")) === false)
  root = dirname(root);
export const WEBHOOK_SECRET = "e2e-webhook-secret";

/** Maestro as `npm start` runs it (the built server, over HTTP), pointed at the emulator as GitHub Enterprise. */
export class MaestroServer {
  private child?: ChildProcess;
  private exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  port = 0;
  output = "";

  async start(githubPort: number, extraEnv: Record<string, string> = {}): Promise<void> {
    this.port = await freePort();
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    this.child = spawn(process.execPath, ["dist/src/app/start.js"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        APP_ID: "1",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET,
        GHE_HOST: `127.0.0.1:${githubPort}`,
        GHE_PROTOCOL: "http",
        PORT: String(this.port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
        // The reconciler's sweeps would add requests to tests (and the benchmark) that count them:
        // off unless a test turns it on (test/e2e/crash-recovery.e2e.test.ts).
        MAESTRO_RECONCILE_INTERVAL_SECONDS: "0",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const child = this.child;
    this.exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    this.child.stdout?.on("data", (c: Buffer) => (this.output += c.toString()));
    this.child.stderr?.on("data", (c: Buffer) => (this.output += c.toString()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${this.port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Maestro did not start:\n${this.output}`);
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    await this.exited();
  }

  /** Sends a signal as a deploy (SIGTERM) or the out-of-memory killer (SIGKILL) would; `exited()` says how it ended. */
  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** How the process ended: its exit code, or the signal that killed it. */
  async exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) throw new Error("Maestro was never started");
    return this.exit;
  }

  /** Whether the server still accepts HTTP connections (it stops at SIGTERM). */
  async answers(): Promise<boolean> {
    return fetch(`http://127.0.0.1:${this.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  }

  /** Delivers a webhook as GitHub does: JSON, signed with the shared secret (unless told to forge it). */
  async deliver(
    event: string,
    payload: unknown,
    options: { delivery?: string; secret?: string } = {},
  ): Promise<{ status: number; ms: number }> {
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac("sha256", options.secret ?? WEBHOOK_SECRET)
      .update(body)
      .digest("hex")}`;
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${this.port}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": options.delivery ?? crypto.randomUUID(),
        "x-hub-signature-256": signature,
      },
      body,
    });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
