import { openSide, readImports } from "../../../src/analyse/conformance/read-imports.js";
import { createMemoryChange } from "../../../src/gather/memory-change.js";

describe("reading a repository's imports", () => {
  it("regression: lets the event loop run while thousands of files are parsed, so the webhook server keeps answering", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++)
      files[`src/m${i % 30}/f${i}.ts`] =
        `import { x } from "../m${(i + 1) % 30}/f${i + 1}";\nexport const y${i} = x + ${i};\n`;
    const change = createMemoryChange({ base: files, head: files });
    const view = await openSide(change, "head");
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const reading = readImports(change, view, Object.keys(files));
    let timerRanBeforeTheEnd: boolean | undefined;
    await reading.then(() => (timerRanBeforeTheEnd = timerRan));
    expect((await reading).imports.size).toBe(3000);
    expect(timerRanBeforeTheEnd).toBe(true);
  });
});
