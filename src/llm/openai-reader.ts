import { createHash, randomBytes } from "node:crypto";
import OpenAI from "openai";
import {
  PROMPT_SHA256,
  prepareReading,
  type LeftOutFile,
  type ReaderReply,
  type ReadingProvenance,
  type SecondReader,
} from "../analyse/reader/index.js";
import { askModel } from "./ask-model.js";
import type { CallAllowance } from "./call-allowance.js";
import type { ReadingCache } from "./reading-cache.js";

/** What the openai client talks to when OPENAI_BASE_URL is not set. */
const OPENAI_BASE_URL = "https://api.openai.com/v1";

export interface OpenAIReaderOptions {
  /** OPENAI_API_KEY; without one the reader is unavailable, and says so. */
  readonly apiKey: string | undefined;
  /** OPENAI_BASE_URL: any OpenAI-compatible server (vLLM, Ollama, llama.cpp, Azure, a proxy). */
  readonly baseURL: string | undefined;
  readonly cache: ReadingCache;
  readonly allowance: CallAllowance;
  /** The commits the answer is for: with the score, the model, the prompt, the server and the PR's text, the cache's key. */
  readonly commits: { readonly head: string; readonly base: string };
  /** Whose calls are counted against `llm.max_calls_per_pr` (a PR, or a repository's merge groups); absent (the CLI), none are. */
  readonly pr?: string;
  /** Called just before the model is asked (never for a cached answer): the app shows the rules are done. */
  readonly onAsking?: () => Promise<void>;
  /** Servers found not to take `json_schema`, shared between reviews so each is found out once. */
  readonly jsonObjectOnly?: Set<string>;
  readonly now?: () => Date;
}

/**
 * The second reader over an OpenAI-compatible server: a cached answer if this commit was read before under the same
 * score, model and prompt; otherwise, within the PR's daily allowance, the change prepared by the reader's pure core
 * (redacted, fenced, within the token budget) and sent once. Nothing here throws: every failure is an unavailable
 * reply with its reason.
 */
export function createOpenAIReader(options: OpenAIReaderOptions): SecondReader {
  const jsonObjectOnly = options.jsonObjectOnly ?? new Set<string>();
  const now = options.now ?? (() => new Date());
  const baseURL = options.baseURL || OPENAI_BASE_URL;
  return async (request) => {
    const { llm } = request.score;
    const host = hostOf(baseURL);
    // Everything that changes the answer: the commits, the whole score as parsed (inherited parts too), the model,
    // the instructions, the server, and the PR's own words.
    const key = cacheKey([
      options.commits.head,
      options.commits.base,
      JSON.stringify(request.score),
      llm.model,
      PROMPT_SHA256,
      host,
      request.pullText?.title ?? "",
      request.pullText?.body ?? "",
    ]);
    const cached = await options.cache.get(key).catch(() => undefined);
    if (cached) return { kind: "answered", ...cached, provenance: { ...cached.provenance, cached: true } };
    if (!options.apiKey) return { kind: "unavailable", reason: "OPENAI_API_KEY is not set" };
    if (llm.max_calls_per_pr === 0)
      return { kind: "unavailable", reason: "llm.max_calls_per_pr is 0: no calls are made" };

    const prepared = await prepareReading({ ...request, boundary: randomBytes(12).toString("hex") });
    const leftOut: LeftOutFile[] = [...prepared.leftOut];
    const cut = [...prepared.cut];
    // A model shown no diff would answer "no findings", which reads as all clear: say instead that nothing was read.
    if (prepared.sent.length === 0)
      return {
        kind: "unavailable",
        reason: `no changed file's diff could be sent (${leftOut.length === 0 ? "the change has none" : "see the files not sent"})`,
        leftOut,
        cut,
      };
    if (options.pr !== undefined) {
      const allowed = await options.allowance
        .take(options.pr, llm.max_calls_per_pr, now())
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (typeof allowed === "string")
        return {
          kind: "unavailable",
          reason: `could not count today's calls for llm.max_calls_per_pr (${allowed})`,
          leftOut,
        };
      if (!allowed)
        return {
          kind: "unavailable",
          reason: `this PR has used its ${llm.max_calls_per_pr} calls for today (llm.max_calls_per_pr)`,
          leftOut,
        };
    }
    const provenance = (started: number, tokensIn: number, tokensOut: number): ReadingProvenance => ({
      model: llm.model,
      host,
      promptSha256: prepared.promptSha256,
      tokensIn,
      tokensOut,
      latencyMs: Math.max(0, Math.round(Date.now() - started)),
      cached: false,
    });
    await options.onAsking?.().catch(() => undefined);
    const started = Date.now();
    try {
      const client = new OpenAI({
        apiKey: options.apiKey,
        baseURL,
        maxRetries: 2,
        timeout: llm.timeout_s * 1000 + 1000,
      });
      const got = await askModel({
        client,
        model: llm.model,
        messages: prepared.messages,
        timeoutMs: llm.timeout_s * 1000,
        jsonObjectOnly,
      });
      const answered: ReaderReply = {
        kind: "answered",
        answer: got.answer,
        leftOut,
        cut,
        provenance: provenance(started, got.tokensIn || prepared.inputTokens, got.tokensOut),
      };
      await options.cache
        .set(key, { answer: got.answer, leftOut, cut, provenance: answered.provenance })
        .catch(() => undefined);
      return answered;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: "unavailable", reason, leftOut, cut, provenance: provenance(started, prepared.inputTokens, 0) };
    }
  };
}

function cacheKey(parts: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** The server's host, for provenance: never its path, its query or any credentials in the URL. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(not a URL)";
  }
}
