import type { ModuleLookup } from "../risk-facts.js";
import { defineRule } from "../rule-definition.js";
import type { Finding, ModuleImport } from "../rule-finding.js";
import { listOrNone } from "../rule-text.js";
import type { Severity } from "../severity.js";

export const publicApi = defineRule({
  id: "public-api",
  setting: { key: "public_api", default: "error", description: "An import that bypasses a module's public files." },
  explanation: {
    title: "Public API",
    meaning:
      "An import reaches into another module's internals instead of going through the files in its `public` list.",
    fix: "Import from the module's public entry point (its `public` files); if the internal needs to be shared, export it from there.",
  },
  /** An import the boundary allows, judged by whether it goes through the imported module's public files. */
  judge(
    { from, to, specifier, path }: ModuleImport,
    severity: Severity,
    modules: Pick<ModuleLookup, "isPublic">,
  ): Finding[] {
    if (severity === "off" || modules.isPublic(to, path)) return [];
    const message = `"${specifier}" reaches into ${to.name} (${path}), bypassing its public API: import it through ${listOrNone(to.public ?? [])}`;
    return [{ rule: "public-api", severity, from: from.name, to: to.name, edge: path, message }];
  },
});
