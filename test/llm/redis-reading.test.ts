import { Redis } from "ioredis";
import type { ReaderReply, SecondReader } from "../../src/analyse/reader/index.js";
import { createMemoryChange } from "../../src/gather/memory-change.js";
import { createMemoryCallAllowance, createRedisCallAllowance } from "../../src/llm/call-allowance.js";
import { createOpenAIReader } from "../../src/llm/openai-reader.js";
import { createMemoryReadingCache, createRedisReadingCache } from "../../src/llm/reading-cache.js";
import { parseScore } from "../../src/score/parse-score.js";
import { startOpenAIServer, type OpenAIServer } from "../helpers/openai-server.js";
import { redisServerCheck, startRedisServer } from "../helpers/redis-server.js";

/**
 * Replicas sharing Redis share the second reader's answers and its daily allowance (a real redis-server; skipped without
 * one, never in CI), and a Redis that stops answering costs a review two seconds, never the review.
 */
const redisServer = redisServerCheck;
const describeWithRedis = redisServer.skip ? describe.skip : describe;

const finding = {
  kind: "security",
  severity: "high",
  file: "src/auth.ts",
  line: 1,
  explanation: "Any header passes.",
  evidence: "export const ok = () => true;",
};

function request(maxCalls = 10) {
  const parsed = parseScore(`version: 1\nllm:\n  enabled: true\n  max_calls_per_pr: ${maxCalls}\n`);
  if (!parsed.ok) throw new Error("invalid score");
  return {
    score: parsed.score,
    change: createMemoryChange({
      base: { "src/auth.ts": "export const ok = () => false;\n" },
      head: { "src/auth.ts": "export const ok = () => true;\n" },
    }),
    rules: { violations: [], signals: [] },
  };
}

describeWithRedis(
  `the second reader's cache and allowance on Redis${redisServer.skip ? ` (SKIPPED: ${redisServer.reason})` : ""}`,
  () => {
    let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    let model: OpenAIServer;
    const clients: Redis[] = [];
    beforeAll(async () => {
      redis = await startRedisServer();
      for (let i = 0; i < 2; i++) clients.push(new Redis(redis.port, "127.0.0.1", { maxRetriesPerRequest: null }));
      model = await startOpenAIServer([{ findings: [finding] }]);
    });
    afterAll(async () => {
      clients.forEach((c) => c.disconnect());
      redis?.stop();
      await model.close();
    });
    afterEach(() => expect(model.invalidRequests).toEqual([]));

    /** One replica's reader for commit `head` of PR 7: its own memory, the shared Redis. */
    const replica = (client: Redis, head: string): SecondReader =>
      createOpenAIReader({
        apiKey: "test-key",
        baseURL: model.baseURL,
        cache: createRedisReadingCache(client, createMemoryReadingCache()),
        allowance: createRedisCallAllowance(client),
        commits: { head, base: "b".repeat(40) },
        pr: "acme/shop#7",
      });

    it("an answer one replica got is the other's from the cache: no second call", async () => {
      const [one, two] = clients as [Redis, Redis];
      const first = await replica(one, "1".repeat(40))(request());
      const again = await replica(two, "1".repeat(40))(request());
      expect(first).toMatchObject({ kind: "answered", provenance: { cached: false } });
      expect(again).toMatchObject({ kind: "answered", answer: { findings: [finding] }, provenance: { cached: true } });
      expect(model.requests).toHaveLength(1);
    });

    it("llm.max_calls_per_pr counts across replicas", async () => {
      const [one, two] = clients as [Redis, Redis];
      const before = model.requests.length;
      const first = await replica(one, "2".repeat(40))(request(3));
      const second = await replica(two, "3".repeat(40))(request(3));
      const third: ReaderReply = await replica(one, "4".repeat(40))(request(3));
      expect([first.kind, second.kind]).toEqual(["answered", "answered"]);
      // The first test's call counted too: PR 7 is past its three for today.
      expect(third).toMatchObject({
        kind: "unavailable",
        reason: "this PR has used its 3 calls for today (llm.max_calls_per_pr)",
      });
      expect(model.requests.length - before).toBe(2);
    });

    it("a Redis that stops answering: the cache is skipped and a call that cannot be counted is not made, within seconds (2 s a Redis call)", async () => {
      const down = new Redis(1, "127.0.0.1", { maxRetriesPerRequest: null, lazyConnect: true });
      down.on("error", () => undefined);
      const before = model.requests.length;
      const started = Date.now();
      const reply = await createOpenAIReader({
        apiKey: "test-key",
        baseURL: model.baseURL,
        cache: createRedisReadingCache(down, createMemoryReadingCache()),
        allowance: createRedisCallAllowance(down),
        commits: { head: "5".repeat(40), base: "b".repeat(40) },
        pr: "acme/shop#8",
      })(request()).finally(() => down.disconnect());
      expect(reply).toMatchObject({
        kind: "unavailable",
        reason: "could not count today's calls for llm.max_calls_per_pr (Redis did not answer within 2 s)",
      });
      expect(model.requests.length - before).toBe(0);
      expect(Date.now() - started).toBeLessThan(8_000);
    });

    it("without Redis (the in-process backend) the same allowance holds in memory", async () => {
      const allowance = createMemoryCallAllowance();
      const now = new Date("2026-11-22T12:00:00Z");
      expect(await allowance.take("acme/shop#9", 1, now)).toBe(true);
      expect(await allowance.take("acme/shop#9", 1, now)).toBe(false);
      expect(await allowance.take("acme/shop#9", 1, new Date("2026-11-23T00:00:01Z"))).toBe(true);
    });
  },
);
