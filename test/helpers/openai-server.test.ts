import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { readerAnswerSchema } from "../../src/analyse/reader/finding-schema.js";
import { checkChatAnswer } from "./check-chat-request.js";
import { startOpenAIServer, type OpenAIServer, type OpenAIStep } from "./openai-server.js";

const finding = {
  kind: "tests-weakened",
  severity: "high",
  file: "test/auth.test.ts",
  line: 12,
  explanation: "The test that rejected an expired token is gone.",
  evidence: "it('rejects an expired token'",
};
const messages = [
  { role: "system" as const, content: "You review a diff. Answer in JSON." },
  { role: "user" as const, content: "diff --git a/test/auth.test.ts b/test/auth.test.ts" },
];
const answerFormat = zodResponseFormat(readerAnswerSchema, "reader_answer");

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script?: OpenAIStep[]): Promise<OpenAIServer> {
  server = await startOpenAIServer(script);
  return server;
}

function client(at: OpenAIServer, options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ apiKey: "test-key", baseURL: at.baseURL, maxRetries: 0, timeout: 5000, ...options });
}

const ask = (at: OpenAIServer, options?: { maxRetries?: number; timeout?: number }) =>
  client(at, options).chat.completions.create({ model: "gpt-test", messages, response_format: answerFormat });

describe("the local OpenAI-compatible server", () => {
  it("answers scripted findings as a strict structured-output completion the client reads", async () => {
    const at = await start([{ findings: [finding] }]);
    const answer = await ask(at);
    const choice = answer.choices[0];
    expect(readerAnswerSchema.parse(JSON.parse(choice?.message.content ?? ""))).toEqual({ findings: [finding] });
    expect(choice?.message.refusal).toBeNull();
    expect(choice?.finish_reason).toBe("stop");
    expect(answer.model).toBe("gpt-test");
    expect(answer.usage?.total_tokens).toBe(
      (answer.usage?.prompt_tokens ?? 0) + (answer.usage?.completion_tokens ?? 0),
    );
    expect(answer.usage?.prompt_tokens).toBeGreaterThan(10);
    expect(at.requests).toHaveLength(1);
    expect(at.requests[0]?.headers.authorization).toBe("Bearer test-key");
    expect(at.requests[0]?.body.response_format).toEqual(answerFormat);
    expect(at.invalidRequests).toEqual([]);
  });

  it("answers the way OpenAI describes its completions and its errors", async () => {
    const at = await start([{ findings: [finding] }, { refusal: "No." }, { status: 429 }, { status: 500 }]);
    for (const expected of [200, 200, 429, 500]) {
      const response = await fetch(`${at.baseURL}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer test-key", "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-test", messages }),
      });
      expect(response.status).toBe(expected);
      expect(checkChatAnswer(response.status, await response.json())).toEqual([]);
    }
  });

  it("retries a 429 fast and then succeeds, two requests in all", async () => {
    const at = await start([{ status: 429 }, { findings: [] }]);
    const started = Date.now();
    const answer = await ask(at, { maxRetries: 2 });
    expect(answer.choices[0]?.message.content).toBe('{"findings":[]}');
    expect(at.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("fails after the client's retries when every answer is a 500", async () => {
    const at = await start([{ status: 500 }]);
    await expect(ask(at, { maxRetries: 2 })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(at.requests).toHaveLength(3);
  });

  it("says an OpenAI-shaped error a script chose", async () => {
    const at = await start([
      { status: 503, error: { message: "down for tea" }, headers: { "x-should-retry": "false" } },
    ]);
    await expect(ask(at, { maxRetries: 2 })).rejects.toMatchObject({ status: 503, type: "server_error" });
    await expect(ask(at)).rejects.toThrow("down for tea");
    expect(at.requests).toHaveLength(2);
  });

  // Under Jest's VM modules the client cannot tell its own timeout (a DOMException from another realm) from a broken
  // connection, so it says APIConnectionError where plain Node says its subclass APIConnectionTimeoutError.
  it("never answers a hanging step, so the client times out, and close() ends the connection", async () => {
    const at = await start([{ hang: true }]);
    const started = Date.now();
    await expect(ask(at, { timeout: 200 })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(at.requests).toHaveLength(1);
    const waiting = ask(at, { timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await at.close();
    await expect(waiting).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    server = undefined;
  });

  it("waits delayMs before answering", async () => {
    const at = await start([{ delayMs: 300, findings: [] }]);
    await expect(ask(at, { timeout: 100 })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    const started = Date.now();
    await ask(at, { timeout: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("refuses as OpenAI refuses structured output: content null, refusal set", async () => {
    const at = await start([{ refusal: "I can't help with that" }]);
    const message = (await ask(at)).choices[0]?.message;
    expect(message?.refusal).toBe("I can't help with that");
    expect(message?.content).toBeNull();
  });

  it("answers raw text as is, and the last step repeats", async () => {
    const at = await start([{ findings: [] }, { content: '{"approve": true, "risk": 0}' }]);
    await ask(at);
    for (let i = 0; i < 2; i++)
      expect((await ask(at)).choices[0]?.message.content).toBe('{"approve": true, "risk": 0}');
  });

  it("says the answer was cut off when a step says so", async () => {
    const at = await start([{ content: '{"findings": [', finishReason: "length" }]);
    expect((await ask(at)).choices[0]?.finish_reason).toBe("length");
  });

  it("lets a step read the request it answers, and a new script start over", async () => {
    const at = await start([{ findings: [] }]);
    await ask(at);
    at.setScript([(request) => ({ content: `model ${request.body.model}` }), { content: "then" }]);
    expect((await ask(at)).choices[0]?.message.content).toBe("model gpt-test");
    expect((await ask(at)).choices[0]?.message.content).toBe("then");
  });

  it("rejects json_schema like a server without structured outputs, and answers json_object", async () => {
    const at = await start([{ rejectJsonSchema: true, findings: [finding] }]);
    await expect(ask(at)).rejects.toMatchObject({ status: 400, param: "response_format" });
    const answer = await client(at).chat.completions.create({
      model: "gpt-test",
      messages,
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(answer.choices[0]?.message.content ?? "")).toEqual({ findings: [finding] });
    expect(at.invalidRequests).toEqual([]);
  });
});

describe("the server checks each request against OpenAI's description", () => {
  const create = (at: OpenAIServer, body: object) =>
    client(at).chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming);

  it("refuses and records a request without messages", async () => {
    const at = await start();
    await expect(create(at, { model: "gpt-test" })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect(at.invalidRequests.map((r) => r.problems)).toEqual([["body must have required property 'messages'"]]);
  });

  it("refuses a response_format of a type OpenAI does not have", async () => {
    const at = await start();
    await expect(create(at, { model: "gpt-test", messages, response_format: { type: "xml" } })).rejects.toThrow(
      /response_format\/type must be equal to one of the allowed values/,
    );
    expect(at.invalidRequests).toHaveLength(1);
  });

  it("refuses an argument OpenAI does not know", async () => {
    const at = await start();
    await expect(create(at, { model: "gpt-test", messages, max_input_tokens: 24000 })).rejects.toThrow(
      "Unrecognized request argument supplied: max_input_tokens",
    );
    expect(at.invalidRequests).toHaveLength(1);
  });

  it("refuses a streamed completion, which it does not answer", async () => {
    const at = await start();
    await expect(create(at, { model: "gpt-test", messages, stream: true })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    expect(at.invalidRequests[0]?.problems).toEqual(["stream: this test server answers whole completions only"]);
  });

  it("refuses a strict schema that leaves an object open or a key optional", async () => {
    const at = await start();
    const schema = { type: "object", properties: { findings: { type: "array" }, note: { type: "string" } } };
    const format = { type: "json_schema", json_schema: { name: "reader_answer", strict: true, schema } };
    await expect(create(at, { model: "gpt-test", messages, response_format: format })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    expect(at.invalidRequests[0]?.problems).toEqual([
      "Invalid schema for response_format 'reader_answer': In context=root, 'additionalProperties' is required to be supplied and to be false.",
      "Invalid schema for response_format 'reader_answer': In context=root, 'required' must include every key in properties. Missing findings, note.",
    ]);
  });

  it("refuses JSON mode when the messages never say JSON", async () => {
    const at = await start();
    const quiet = [{ role: "user", content: "review this diff" }];
    await expect(
      create(at, { model: "gpt-test", messages: quiet, response_format: { type: "json_object" } }),
    ).rejects.toThrow("must contain the word 'json'");
    expect(at.invalidRequests).toHaveLength(1);
  });

  it("refuses with 401 and records a request without a bearer key", async () => {
    const at = await start();
    const response = await fetch(`${at.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-test", messages }),
    });
    expect(response.status).toBe(401);
    expect(at.invalidRequests[0]?.problems[0]).toMatch(/API key/);
  });

  it("refuses and records a call to anything but chat completions", async () => {
    const at = await start();
    await expect(client(at).responses.create({ model: "gpt-test", input: "hi" })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    expect(at.invalidRequests[0]?.path).toBe("/v1/responses");
  });

  it("says so when a scripted answer does not say exactly one thing", async () => {
    await expect(startOpenAIServer([{ findings: [], content: "both" }])).rejects.toThrow(
      "this one says findings, content",
    );
    const at = await start([() => ({ delayMs: 1 })]);
    await expect(ask(at)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(at.invalidRequests[0]?.problems[0]).toMatch(/script: .* this one says none/);
  });
});
