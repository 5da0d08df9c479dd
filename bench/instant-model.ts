import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenAI-compatible server that answers every chat completion at once with no findings: what is left of a
 * reading's time is Maestro's own (preparing, redacting, counting tokens, parsing, verifying) and one local round trip.
 */
export async function startInstantModel(): Promise<{
  baseURL: string;
  requests: () => number;
  close(): Promise<void>;
}> {
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: "bench",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: JSON.stringify({ findings: [] }), refusal: null },
              finish_reason: "stop",
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
