import type { ModuleGraph } from "../analyse/conformance/index.js";
import { addedEdges } from "../report/module-edges.js";
import { GITHUB_TEXT_LIMIT, renderMarkdown } from "../report/render-markdown.js";
import { shortSha, type ReportContext } from "../report/report-context.js";
import { formatScoreProblem } from "../score/score-problem.js";
import { scoreAnnotations, verdictAnnotations, type Annotation } from "./annotations.js";
import { conclusionOf, type CheckConclusion, type Outcome } from "../decide/check-outcome.js";
import { neutralizeHtmlComments } from "./neutralize-html-comments.js";

/** Provenance of SPEC §3: which score, which Maestro, on which commits. */
export interface Provenance {
  readonly headSha: string;
  readonly baseSha: string;
  readonly scoreCommit?: string;
  readonly scoreBlob?: string;
  readonly maestroVersion: string;
}

export interface CheckOutput {
  readonly conclusion: CheckConclusion;
  readonly title: string;
  readonly summary: string;
  readonly annotations: readonly Annotation[];
  /** Ties the check run to head, base and score (`external_id`). */
  readonly externalId: string;
}

export interface OutputExtras {
  readonly graphs?: { readonly head: ModuleGraph; readonly base?: ModuleGraph };
  /** Lines shown above the summary: a draft PR, a truncated listing, an open gate. */
  readonly banners?: readonly string[];
}

/** The check run's whole output for an outcome, within GitHub's limits. */
export function checkOutput(outcome: Outcome, provenance: Provenance, extras: OutputExtras = {}): CheckOutput {
  const { conclusion, title } = conclusionOf(outcome);
  const footer = provenanceLine(provenance);
  // Text from the change is escaped before it is measured, so the cut never reaches the provenance line.
  const banners = neutralizeHtmlComments((extras.banners ?? []).map((b) => `> ${b}`).join("\n"));
  const head = banners ? `${banners}\n\n` : "";
  const room = GITHUB_TEXT_LIMIT - head.length - footer.length - 4;
  let body: string;
  let annotations: Annotation[] = [];
  switch (outcome.kind) {
    case "verdict": {
      const context: ReportContext = {
        baseSha: provenance.baseSha,
        headSha: provenance.headSha,
        scope: "change",
        maestroVersion: provenance.maestroVersion,
        scoreSource: scoreSource(provenance),
      };
      const edges = extras.graphs ? addedEdges(extras.graphs.head, extras.graphs.base, outcome.verdict.violations) : [];
      const signOff = outcome.signOff
        ? `\n\n### Sign-off\n\n${outcome.signOff.kind === "override" ? "Overridden" : "Approved"} by @${outcome.signOff.by} on ${outcome.signOff.at} for ${shortSha(outcome.signOff.sha)}: ${outcome.signOff.reason || "(no reason given)"}`
        : "";
      body = renderMarkdown(outcome.verdict, context, edges, room - signOff.length) + signOff;
      annotations = verdictAnnotations(outcome.verdict);
      break;
    }
    case "invalid-score":
      body = [
        "The score `.github/maestro.yml` at the base commit is invalid, so this PR cannot be judged. Fix these, then push or re-run:",
        "",
        ...outcome.problems.map((p) => `- \`${formatScoreProblem(p)}\``),
        "",
        "`npx maestro validate` checks the file locally.",
      ].join("\n");
      annotations = scoreAnnotations(outcome.problems);
      break;
    case "no-score":
      body =
        "This repository has no `.github/maestro.yml` on the base branch, so there is nothing to judge against.\n\nRun `npx maestro init` in the repository to write a starter score from today's code, commit it to the default branch, and Maestro will judge every agent PR against it.";
      break;
    case "failed":
      body = `Maestro could not finish the review, so it is not passing this PR.\n\n**Reason:** ${outcome.reason}\n\nRe-run the check (or comment \`/maestro re-review\`) to try again.`;
      break;
    case "superseded":
      body = `A newer commit (${outcome.newerSha}) was pushed to this PR before this one was reviewed: Maestro judges the newest head instead. Re-run this check to judge this commit anyway.`;
      break;
  }
  const summary = `${head}${neutralizeHtmlComments(body).slice(0, room)}\n\n${footer}`;
  return { conclusion, title: neutralizeHtmlComments(title), summary, annotations, externalId: externalId(provenance) };
}

function scoreSource(p: Provenance): string {
  return p.scoreCommit
    ? `.github/maestro.yml@${shortSha(p.scoreCommit)}${p.scoreBlob ? ` (blob ${shortSha(p.scoreBlob)})` : ""}`
    : "none";
}

function provenanceLine(p: Provenance): string {
  return `<sub>Maestro ${p.maestroVersion} · head ${p.headSha} · base ${p.baseSha} · score ${p.scoreCommit ? `${p.scoreCommit}:.github/maestro.yml blob ${p.scoreBlob ?? "?"}` : "none"}</sub>`;
}

/** `head:base:score-blob`, short enough for GitHub's external_id. */
export function externalId(p: Provenance): string {
  return `maestro:${p.headSha}:${p.baseSha}:${p.scoreBlob ?? "none"}`;
}
