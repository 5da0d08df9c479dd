import { ESLint } from "eslint";

// The core takes facts and returns a verdict: the lint that `npm test` runs refuses the environment
// and the network there, and allows them at the edges.
const eslint = new ESLint({ cwd: process.cwd() });
const code = "export const key = process.env.OPENAI_API_KEY;\nexport const get = fetch;\n";

async function restricted(filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-globals").map((m) => m.message);
}

test.each(["src/decide/probe.ts", "src/analyse/risk/probe.ts", "src/score/probe.ts", "src/gather/snapshot-change.ts"])(
  "the core may not read process or call fetch: %s",
  async (path) => {
    const messages = await restricted(path);
    expect(messages).toEqual([expect.stringContaining("'process'"), expect.stringContaining("'fetch'")]);
  },
);

test.each(["src/app/probe.ts", "src/cli/probe.ts", "src/gather/github/probe.ts"])("an edge may: %s", async (path) => {
  expect(await restricted(path)).toEqual([]);
});
