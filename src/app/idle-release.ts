import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** How long the queue must stay empty before memory is given back: a burst's next job usually comes sooner. */
export const IDLE_MS = 1_000;
/** A full collection pauses the process for tens of milliseconds: at most one in this long, however busy. */
export const MIN_INTERVAL_MS = 10_000;

export interface IdleRelease {
  /** A job ended: once the queue has stayed empty for `IDLE_MS`, collect. */
  jobEnded(): void;
}

/**
 * Gives memory back once the queue is empty. A review reads a tarball of up to hundreds of MB; what it kept is freed
 * when it ends, but V8 only collects it, and hands the slabs of file bytes back to the system, when it next needs
 * room: on a quiet installation that may be never, and the process keeps its peak for good. A full collection once the
 * queue has been empty for a moment brings it back near where it was before the reviews.
 */
export function createIdleRelease(
  queueEmpty: () => boolean,
  collect: (() => void) | undefined = fullCollection(),
  now: () => number = Date.now,
): IdleRelease {
  let timer: NodeJS.Timeout | undefined;
  let last = Number.NEGATIVE_INFINITY;
  const settle = () => {
    timer = undefined;
    if (!collect || !queueEmpty()) return;
    const wait = last + MIN_INTERVAL_MS - now();
    if (wait > 0) return void (timer = setTimeout(settle, wait).unref());
    last = now();
    collect();
  };
  return {
    jobEnded() {
      if (timer) clearTimeout(timer);
      // Unref'd: a pending collection never keeps a stopping process alive.
      timer = setTimeout(settle, IDLE_MS).unref();
    },
  };
}

/**
 * V8's full collection: `global.gc` when node runs with `--expose-gc`, else the same function taken from a fresh
 * context once the flag is set (V8 installs it in contexts created after). Undefined where neither works.
 */
export function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return exposed as () => void;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    // A runtime without V8's flags: memory is then given back only as V8 decides.
    return undefined;
  }
}
