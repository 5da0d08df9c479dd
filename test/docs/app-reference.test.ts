import { readFileSync } from "node:fs";
import { parse } from "yaml";

/**
 * docs/app.md tells whoever installs the app what it asks for: every permission and event of
 * app.yml, the manifest GitHub registers the app from, with the access it really asks.
 */
const doc = readFileSync(new URL("../../docs/app.md", import.meta.url), "utf8");
const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
  default_permissions: Record<string, string>;
  default_events: string[];
};

describe("docs/app.md against app.yml", () => {
  it.each(Object.entries(manifest.default_permissions))("the permissions table has `%s: %s`", (permission, access) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${permission}\` \\| \`${access}\` \\|`, "m"));
  });

  it.each(manifest.default_events)("the events table has `%s`", (event) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${event}\` \\|`, "m"));
  });
});
