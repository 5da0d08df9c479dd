import type { Review } from "../review/review-change.js";
import { addedEdges } from "./module-edges.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderSarif } from "./render-sarif.js";
import { renderText } from "./render-text.js";
import type { ReportContext } from "./report-context.js";

export const FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/** One review, said in the format asked for: the CLI and the app both come through here. */
export function render(review: Review, context: ReportContext, format: Format): string {
  const { verdict } = review;
  switch (format) {
    case "json":
      return `${JSON.stringify(verdict, null, 2)}\n`;
    case "sarif":
      return renderSarif(verdict, context);
    case "markdown":
      return `${renderMarkdown(verdict, context, addedEdges(review.headGraph, review.baseGraph, verdict.violations))}\n`;
    case "text":
      return renderText(verdict, context);
  }
}
