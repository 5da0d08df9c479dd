import { plural } from "../evidence-text.js";
import type { Overlap } from "../risk-facts.js";
import { defineSignal, type Evidence } from "../signal-definition.js";

/** Full points: the most contention adds, so that contention alone never reaches the default `review_at` (40). */
const FULL = 24;

/**
 * What one overlapping PR weighs, in points at full weight: an API moving under an importer breaks the other's build
 * without a conflict to show it (12), a shared file conflicts on rebase (10), a shared module only may (4).
 */
function weightOf(o: Overlap): number {
  if (o.api.length > 0) return 12;
  return o.files.length > 0 ? 10 : 4;
}

/** Files named in one PR's evidence, at most: the rest are counted. */
const SHOWN_FILES = 3;

/** PRs named in the detail, at most: the rest are counted. */
const SHOWN_PRS = 3;

/**
 * Other open PRs on the same base that change what this one changes: the same file, a public API one moves while the
 * other imports it, or only the same module. Whichever merges second rebases onto the first, or breaks on it.
 */
export const contention = defineSignal({
  id: "contention",
  // Not fitted (no history of parallel PRs to fit on): one shared file is 10 points, a moving public API 12, a module
  // only 4; each further PR adds half its own; capped at 24 so contention alone asks for no conductor.
  points: FULL,
  explanation: {
    title: "Contention with other open PRs",
    meaning:
      "Another open PR on the same base branch changes the same file (strong), moves the public API of a module this change imports or imports a module whose public files this change moves (strong), or changes the same module (weak). The most contended PR weighs 10 for a shared file, 12 for a moving API, 4 for a module alone; each other PR adds half its own; capped at the signal's points.",
    fix: "Merge in the suggested order (the summary's Other instruments), then rebase the other PR; or wait, or split the shared file out of one of them.",
  },
  evaluate({ contention: overlaps }) {
    if (!overlaps || overlaps.length === 0) return undefined;
    const weights = overlaps.map(weightOf).sort((a, b) => b - a);
    const points = weights.reduce((sum, w, i) => sum + (i === 0 ? w : w / 2), 0);
    const evidence: Evidence[] = overlaps.map((o) => ({ ...(o.at ? { file: o.at } : {}), what: whatOf(o) }));
    const shown = evidence.slice(0, SHOWN_PRS).map((e) => e.what);
    const more = overlaps.length - shown.length;
    return {
      strength: Math.min(1, points / FULL),
      detail: `overlaps ${plural(overlaps.length, "other open PR")}: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
      evidence,
    };
  },
});

/** One PR's overlap in words: its number, who plays it, and what both change. */
function whatOf(o: Overlap): string {
  const parts: string[] = [];
  if (o.files.length > 0) {
    const hidden = o.files.length - SHOWN_FILES;
    parts.push(
      `same ${o.files.length === 1 ? "file" : "files"} ${o.files.slice(0, SHOWN_FILES).join(", ")}${hidden > 0 ? ` and ${hidden} more` : ""}`,
    );
  }
  if (o.api.length > 0) parts.push(`public API of ${o.api.join(", ")} moves under an importer`);
  if (parts.length === 0) parts.push(`same ${o.modules.length === 1 ? "module" : "modules"} ${o.modules.join(", ")}`);
  return `#${o.pr} (${o.agent}): ${parts.join("; ")}`;
}
