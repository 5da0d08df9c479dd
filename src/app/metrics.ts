import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** What an operator watches: webhooks in, reviews out (by conclusion), and how long reviews take. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "maestro_" });
  const webhooks = new Counter({
    name: "maestro_webhooks_total",
    help: "Webhooks received, by event and what was done with them.",
    labelNames: ["event", "outcome"],
    registers: [registry],
  });
  const reviews = new Counter({
    name: "maestro_reviews_total",
    help: "Reviews completed, by check conclusion.",
    labelNames: ["conclusion"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "maestro_review_duration_seconds",
    help: "From job start to completed check run.",
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  return {
    webhook: (event: string, outcome: "queued" | "duplicate" | "ignored") => webhooks.inc({ event, outcome }),
    review: (conclusion: string, seconds: number) => {
      reviews.inc({ conclusion });
      duration.observe(seconds);
    },
    /** `GET /metrics` in Prometheus' text format. */
    handler: async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
      if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") return false;
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(await registry.metrics());
      return true;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
