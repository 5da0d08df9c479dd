import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { readerAnswerSchema, type ReaderAnswer } from "../analyse/reader/index.js";

/** The reader could not give an answer to weigh; the message is what the summary shows after "unavailable:". */
export class ReaderUnavailable extends Error {}

export interface ModelCall {
  readonly client: OpenAI;
  readonly model: string;
  readonly messages: readonly { readonly role: "system" | "user"; readonly content: string }[];
  /** The whole wait, the client's own retries included. */
  readonly timeoutMs: number;
  /** Servers known not to take `json_schema`, by base URL: asked with `json_object` at once. */
  readonly jsonObjectOnly: Set<string>;
}

export interface ModelAnswer {
  readonly answer: ReaderAnswer;
  readonly tokensIn: number;
  readonly tokensOut: number;
}

const RESPONSE_FORMAT = zodResponseFormat(readerAnswerSchema, "maestro_findings");

/**
 * One question to an OpenAI-compatible server, answered as structured output (strict `json_schema` from the
 * answer's zod schema). A server that refuses `json_schema` is asked again with `json_object` and the schema
 * spelled out, and the answer is held to the same zod schema. Whatever goes wrong (no answer in time, a 429 or 5xx
 * after the client's retries, a refusal, an answer that does not parse) throws ReaderUnavailable with the reason:
 * an answer is never guessed at.
 */
export async function askModel(call: ModelCall): Promise<ModelAnswer> {
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The deadline is a race, not only an abort: the client may be sleeping out a server's Retry-After, which an abort
  // does not cut short, and the check must complete within llm.timeout_s all the same.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort();
      reject(new ReaderUnavailable(timeoutReason(call)));
    }, call.timeoutMs);
  });
  const asking = async () => {
    const server = call.client.baseURL;
    if (!call.jsonObjectOnly.has(server)) {
      try {
        return await ask(call, "json_schema", deadline.signal);
      } catch (error) {
        if (!refusesJsonSchema(error)) throw error;
        call.jsonObjectOnly.add(server);
      }
    }
    return await ask(call, "json_object", deadline.signal);
  };
  const answer = asking();
  // Once the deadline has won, the abandoned request's own failure is expected: it must not surface unhandled.
  answer.catch(() => undefined);
  try {
    return await Promise.race([answer, late]);
  } catch (error) {
    throw new ReaderUnavailable(deadline.signal.aborted ? timeoutReason(call) : reasonOf(error, call), {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function timeoutReason(call: ModelCall): string {
  return `no answer within llm.timeout_s (${Math.round(call.timeoutMs / 100) / 10} s)`;
}

async function ask(call: ModelCall, format: "json_schema" | "json_object", signal: AbortSignal): Promise<ModelAnswer> {
  const messages = call.messages.map((m) => ({ role: m.role, content: m.content }));
  if (format === "json_object")
    // json_object mode needs the word JSON in the messages, and the shape said in words the schema no longer enforces.
    messages.push({
      role: "system",
      content: `Answer with one JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(RESPONSE_FORMAT.json_schema.schema)}`,
    });
  const completion = await call.client.chat.completions.create(
    {
      model: call.model,
      messages,
      response_format: format === "json_schema" ? RESPONSE_FORMAT : { type: "json_object" },
    },
    // The client's own timer a second later than the deadline: the deadline is what says "no answer in time".
    { signal, timeout: call.timeoutMs + 1000 },
  );
  const choice = completion.choices[0];
  if (!choice) throw new ReaderUnavailable("the server answered with no choice");
  if (choice.message.refusal) throw new ReaderUnavailable(`the model refused: ${clip(choice.message.refusal)}`);
  if (choice.finish_reason === "length")
    throw new ReaderUnavailable("the answer was cut off at the model's token limit");
  if (choice.finish_reason === "content_filter")
    throw new ReaderUnavailable("the server's content filter stopped the answer");
  const content = choice.message.content;
  if (!content) throw new ReaderUnavailable("the answer was empty");
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new ReaderUnavailable(`the answer is not JSON: ${clip(content)}`);
  }
  const parsed = readerAnswerSchema.safeParse(json);
  if (!parsed.success)
    throw new ReaderUnavailable(`the answer does not match the findings schema: ${firstIssue(parsed.error)}`);
  return {
    answer: parsed.data,
    tokensIn: completion.usage?.prompt_tokens ?? 0,
    tokensOut: completion.usage?.completion_tokens ?? 0,
  };
}

/** A 400 about the response format: the server does not take `json_schema` (older vLLM, llama.cpp, some proxies). */
function refusesJsonSchema(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /json_schema|response_format/i.test(error.message);
}

function reasonOf(error: unknown, call: ModelCall): string {
  if (error instanceof ReaderUnavailable) return error.message;
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return timeoutReason(call);
  if (error instanceof APIError && error.status !== undefined) {
    // The client's message starts with the status already ("500 The server had an error…").
    const what = clip(error.message);
    if (error.status === 429) return `the model's server is rate-limiting requests, still after retries (${what})`;
    if (error.status >= 500) return `the model's server kept failing, still after retries (${what})`;
    if (error.status === 401 || error.status === 403) return `the server refused the API key (${what})`;
    return `the server refused the request (${what})`;
  }
  if (error instanceof APIError) return `could not reach the model's server (${clip(error.message)})`;
  return error instanceof Error ? clip(error.message) : String(error);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown";
}

/** Text from the server, shortened for one line of a summary. */
function clip(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
