import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateRepo } from "./generate-repo.js";
import { measure, type Measurement } from "./measure.js";

/** The process floor: the same warm 5-file check on a repository of 10 files, where nothing scales. */
export function floorCheck(maestroBin: string): { run: () => Measurement; remove: () => void } {
  const dir = join(tmpdir(), "maestro-bench-floor");
  const repo = generateRepo(dir, 10, [5]);
  // Outside the work tree, which `--cache-dir` refuses (a pull request could plant a forged graph there).
  const cache = `${dir}-cache`;
  const args = ["check", "--format", "json", "--cache-dir", cache, "--base", repo.base];
  const run = () =>
    measure("process floor", process.execPath, [maestroBin, ...args, "--head", repo.heads.get(5) as string], dir);
  run();
  return {
    run,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    },
  };
}
