import { AsyncLocalStorage } from "node:async_hooks";
import type { GitHubClient } from "../gather/github/github-client.js";

/** Lower goes first: the `in_progress` check run a PR shows at once, then every other write. */
export const CHECK_START = 0;
export const OTHER_WRITE = 1;

/** Takes a turn in its installation's line of writes. */
export interface WritePriority {
  /** Runs `write` when its turn comes: the requests it makes go to GitHub without queueing again. */
  run<T>(installationId: number, priority: number, write: () => Promise<T>): Promise<T>;
  /** Puts an installation's client in line: its writes (and GraphQL queries, which GitHub limits as writes) wait their turn. */
  prioritize<C extends GitHubClient>(installationId: number, octokit: C): C;
  /** Writes waiting, all installations together (tests, the benchmark). */
  waiting(): number;
}

interface Turn {
  readonly priority: number;
  readonly start: () => void;
}

/**
 * GitHub takes about one write a second per installation (Probot's throttling spaces them so), so what goes first is
 * what the user sees first. One write per installation is let through at a time, the lowest priority first and in
 * arrival order within a priority: a burst of PRs shows each `in_progress` check within a second of the one before,
 * rather than behind the verdicts, comments and queries of the reviews already running. Reads are never held.
 */
export function createWritePriority(): WritePriority {
  const lines = new Map<number, { busy: boolean; turns: Turn[] }>();
  const admitted = new AsyncLocalStorage<boolean>();
  const next = (id: number) => {
    const line = lines.get(id);
    if (!line) return;
    const turn = line.turns.shift();
    if (!turn) {
      line.busy = false;
      return void lines.delete(id);
    }
    turn.start();
  };
  const run = <T>(id: number, priority: number, write: () => Promise<T>): Promise<T> => {
    if (admitted.getStore()) return write();
    const line = lines.get(id) ?? { busy: false, turns: [] };
    lines.set(id, line);
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        line.busy = true;
        admitted
          .run(true, write)
          .then(resolve, reject)
          .finally(() => next(id));
      };
      if (!line.busy) return start();
      const at = line.turns.findIndex((t) => t.priority > priority);
      line.turns.splice(at < 0 ? line.turns.length : at, 0, { priority, start });
    });
  };
  const prioritized = new WeakSet<object>();
  return {
    run,
    prioritize(id, octokit) {
      if (prioritized.has(octokit)) return octokit;
      prioritized.add(octokit);
      octokit.hook.wrap("request", (request, options) => {
        const method = (options.method ?? "GET").toUpperCase();
        if (method === "GET" || method === "HEAD") return request(options);
        const url = String(options.url);
        const priority = method === "POST" && /\/check-runs$/.test(url) ? CHECK_START : OTHER_WRITE;
        return run(id, priority, async () => request(options));
      });
      return octokit;
    },
    waiting: () => [...lines.values()].reduce((n, line) => n + line.turns.length, 0),
  };
}
