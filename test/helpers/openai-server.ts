import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatCompletion, ChatCompletionCreateParams } from "openai/resources/chat/completions";
import { checkChatRequest } from "./check-chat-request.js";

/** One POST /v1/chat/completions with a JSON body, valid or not (`invalidRequests` says which were not). */
export interface ChatRequest {
  /** The parsed JSON body: the client's params, once it passed OpenAI's description. */
  body: ChatCompletionCreateParams;
  headers: IncomingHttpHeaders;
}

/** A request a real OpenAI server would have refused, and why: a test asserts there are none. */
export interface InvalidRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingHttpHeaders;
  problems: string[];
}

/** The error object OpenAI's error answers carry. */
export interface OpenAIErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/**
 * How the model answers one request. Exactly one of `findings`, `content`, `refusal`, `status` and `hang` says
 * what; `rejectJsonSchema` and `delayMs` come on top of it.
 */
export interface OpenAIAnswer {
  /** A chat completion whose message content is `JSON.stringify({ findings })`. */
  findings?: unknown[];
  /** A chat completion whose message content is this text as is: malformed JSON, an "approve" answer. */
  content?: string;
  /** A chat completion with content null and this refusal, as OpenAI refuses structured output. */
  refusal?: string;
  /** An error answer with OpenAI's error body; 429 and 5xx say `retry-after-ms: 10` unless `headers` say otherwise. */
  status?: number;
  /** What the error body says instead of the usual words for `status`. */
  error?: Partial<OpenAIErrorBody>;
  /** Headers of the error answer. */
  headers?: Record<string, string>;
  /** No answer at all: the socket stays open until the client gives up or `close()`. */
  hang?: true;
  /** A 400 when the request asks for `json_schema`, as a server without structured outputs answers; else the rest. */
  rejectJsonSchema?: true;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Why the model stopped, "stop" unless a test needs an answer cut off ("length") or filtered. */
  finishReason?: "stop" | "length" | "content_filter";
  /** Token counts to report instead of the estimate (about four characters a token). */
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** One step of a script; a function sees the request it answers. */
export type OpenAIStep = OpenAIAnswer | ((request: ChatRequest) => OpenAIAnswer);

export interface OpenAIServer {
  /** Where the client points: `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  requests: ChatRequest[];
  invalidRequests: InvalidRequest[];
  /** Answers from this script from the next request on. */
  setScript(script: OpenAIStep[]): void;
  /** Stops listening and ends every connection, hanging ones included, so Jest can exit. */
  close(): Promise<void>;
}

let answered = 0;

const WHAT = ["findings", "content", "refusal", "status", "hang"] as const;

/** Fast retries for the client's backoff (it honours `retry-after-ms` for every status it retries). */
const RETRY_SOON = { "retry-after-ms": "10" };

const ERRORS: Record<number, Omit<OpenAIErrorBody, "param">> = {
  429: { message: "Rate limit reached for requests.", type: "requests", code: "rate_limit_exceeded" },
  500: { message: "The server had an error while processing your request.", type: "server_error", code: null },
  503: { message: "The engine is currently overloaded, please try again later.", type: "server_error", code: null },
};

/**
 * A local OpenAI-compatible server on 127.0.0.1 for the real `openai` client. It checks every request against
 * OpenAI's description (a refused one is answered 400 or 401 and kept in `invalidRequests`) and answers the rest
 * from the script, one step per request; the last step answers every request after it. No script: no findings.
 */
export async function startOpenAIServer(script: OpenAIStep[] = [{ findings: [] }]): Promise<OpenAIServer> {
  let steps = checked(script);
  let next = 0;
  const requests: ChatRequest[] = [];
  const invalidRequests: InvalidRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    const method = req.method ?? "?";
    const path = req.url ?? "";
    const refuse = (status: number, body: unknown, message: string, problems = [message]) => {
      invalidRequests.push({ method, path, body, headers: req.headers, problems });
      send(res, status, { error: { message, type: "invalid_request_error", param: null, code: null } });
    };
    if (method !== "POST" || path !== "/v1/chat/completions")
      return refuse(404, text, `Invalid URL (${method} ${path}): Maestro's reader calls POST /v1/chat/completions`);
    const body = parseJson(text);
    if (body === undefined) return refuse(400, text, "We could not parse the JSON body of your request.");
    const request: ChatRequest = { body: body as ChatCompletionCreateParams, headers: req.headers };
    requests.push(request);
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? ""))
      return refuse(401, body, "You didn't provide an API key (Authorization: Bearer YOUR_KEY).");
    const problems = checkChatRequest(body);
    if (problems.length > 0) return refuse(400, body, problems.join("; "), problems);
    if (request.body.stream) return refuse(400, body, "stream: this test server answers whole completions only");

    const step = steps[Math.min(next++, steps.length - 1)];
    let answer: OpenAIAnswer;
    try {
      answer = checkedAnswer(typeof step === "function" ? step(request) : (step ?? {}));
    } catch (e) {
      return refuse(500, body, `the test's script: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (answer.delayMs) await new Promise((resolve) => timers.add(setTimeout(resolve, answer.delayMs)));
    if (answer.hang || res.destroyed) return;
    if (answer.rejectJsonSchema && request.body.response_format?.type === "json_schema")
      return send(res, 400, {
        error: {
          message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
          type: "invalid_request_error",
          param: "response_format",
          code: null,
        },
      });
    if (answer.status !== undefined) return sendError(res, answer.status, answer);
    send(res, 200, completion(request.body, answer, requests.length));
  };

  const server = createServer((req, res) => {
    // A helper that breaks must fail the test that uses it, not vanish as an unhandled rejection.
    handle(req, res).catch((e: unknown) => {
      const problem = `the OpenAI test server failed: ${e instanceof Error ? e.message : String(e)}`;
      invalidRequests.push({
        method: req.method ?? "?",
        path: req.url ?? "",
        body: undefined,
        headers: req.headers,
        problems: [problem],
      });
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    invalidRequests,
    setScript(script) {
      steps = checked(script);
      next = 0;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      return new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function completion(body: ChatCompletionCreateParams, answer: OpenAIAnswer, n: number): ChatCompletion {
  const refused = answer.refusal !== undefined;
  const content = refused ? null : (answer.content ?? JSON.stringify({ findings: answer.findings }));
  const prompt = answer.usage?.prompt_tokens ?? Math.ceil(JSON.stringify(body.messages).length / 4);
  const completed =
    answer.usage?.completion_tokens ?? Math.max(1, Math.ceil((content ?? answer.refusal ?? "").length / 4));
  return {
    id: `chatcmpl-test${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: refused ? (answer.refusal ?? null) : null, annotations: [] },
        logprobs: null,
        finish_reason: answer.finishReason ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completed,
      total_tokens: prompt + completed,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: "fp_maestro_test",
  };
}

function sendError(res: ServerResponse, status: number, answer: OpenAIAnswer): void {
  const usual = ERRORS[status] ?? { message: `Error ${status}.`, type: "invalid_request_error", code: null };
  const retried = status === 429 || status >= 500;
  send(
    res,
    status,
    { error: { ...usual, param: null, ...answer.error } },
    {
      ...(retried ? RETRY_SOON : {}),
      ...answer.headers,
    },
  );
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "x-request-id": `req_test${++answered}`, ...headers });
  res.end(JSON.stringify(body));
}

function checked(script: OpenAIStep[]): OpenAIStep[] {
  if (script.length === 0) throw new Error("an OpenAI server's script needs at least one step");
  for (const step of script) if (typeof step !== "function") checkedAnswer(step);
  return script;
}

function checkedAnswer(answer: OpenAIAnswer): OpenAIAnswer {
  const says = WHAT.filter((key) => answer[key] !== undefined);
  if (says.length !== 1)
    throw new Error(
      `a scripted answer says exactly one of ${WHAT.join(", ")}; this one says ${says.join(", ") || "none"}`,
    );
  return answer;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
