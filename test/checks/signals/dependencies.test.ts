import { signalSeen, type SignalCase } from "./signal-seen.js";

const pkg = (json: unknown) => `${JSON.stringify(json, null, 2)}\n`;

describe("dependencies: new or upgraded dependencies, and lockfiles changed alone", () => {
  it.each<SignalCase>([
    {
      name: "a new npm dependency, at its line",
      base: { "package.json": pkg({ dependencies: { a: "1.0.0" } }) },
      head: { "package.json": pkg({ dependencies: { a: "1.0.0", b: "2.0.0" } }) },
      seen: {
        points: 5,
        detail: "1 dependency change: package.json:4 (new b@2.0.0)",
        file: "package.json",
        line: 4,
        evidence: [{ file: "package.json", line: 4, what: "new b@2.0.0" }],
      },
    },
    {
      name: "an upgrade in any section; a version that is not a string is shown as written",
      base: { "web/package.json": pkg({ devDependencies: { jest: "29" }, peerDependencies: { react: "18" } }) },
      head: {
        "web/package.json": pkg({
          devDependencies: { jest: "30" },
          peerDependencies: { react: "18" },
          optionalDependencies: { x: 1 },
        }),
      },
      seen: {
        points: 10,
        detail: "2 dependency changes: web/package.json:3 (jest 29 → 30), web/package.json:9 (new x@1)",
        file: "web/package.json",
        line: 3,
        evidence: [
          { file: "web/package.json", line: 3, what: "jest 29 → 30" },
          { file: "web/package.json", line: 9, what: "new x@1" },
        ],
      },
    },
    {
      name: "regression: a dependency named like an object's built-in (constructor) is new, not a change from the built-in",
      base: { "package.json": pkg({ dependencies: { a: "1.0.0" } }) },
      head: { "package.json": pkg({ dependencies: { a: "1.0.0", constructor: "2.0.0" } }) },
      seen: {
        points: 5,
        detail: "1 dependency change: package.json:4 (new constructor@2.0.0)",
        file: "package.json",
        line: 4,
        evidence: [{ file: "package.json", line: 4, what: "new constructor@2.0.0" }],
      },
    },
    {
      name: "regression: files named like an object's built-ins (constructor, toString) are neither manifests nor lockfiles",
      base: { "src/constructor": "a\n", "src/toString": "a\n" },
      head: { "src/constructor": "a\nb\n", "src/toString": "a\nb\n" },
      seen: undefined,
    },
    {
      name: "a package.json that is not JSON is said, not a crash",
      base: { "package.json": pkg({}) },
      head: { "package.json": "{ not json" },
      seen: {
        points: 5,
        detail: "1 dependency change: package.json (not valid JSON: its dependencies could not be compared)",
        file: "package.json",
        evidence: [{ file: "package.json", what: "not valid JSON: its dependencies could not be compared" }],
      },
    },
    {
      name: "a package.json that is JSON but not an object is said the same way",
      head: { "package.json": "[1]\n" },
      seen: {
        points: 5,
        detail: "1 dependency change: package.json (not valid JSON: its dependencies could not be compared)",
        file: "package.json",
        evidence: [{ file: "package.json", what: "not valid JSON: its dependencies could not be compared" }],
      },
    },
    {
      name: "a base that is not JSON counts as no dependencies before",
      base: { "package.json": "{ not json" },
      head: { "package.json": pkg({ dependencies: { a: "1" } }) },
      seen: {
        points: 5,
        detail: "1 dependency change: package.json:3 (new a@1)",
        file: "package.json",
        line: 3,
        evidence: [{ file: "package.json", line: 3, what: "new a@1" }],
      },
    },
    {
      name: "a section that is not a mapping lists nothing",
      base: { "package.json": pkg({ dependencies: { a: "1" } }) },
      head: { "package.json": pkg({ dependencies: ["b"] }) },
      seen: undefined,
    },
    {
      name: "deleted manifests and lockfiles are nothing",
      base: { "package.json": pkg({ dependencies: { a: "1" } }), "go.sum": "a\n" },
      head: {},
      seen: undefined,
    },
    {
      name: "scripts are not dependencies",
      base: { "package.json": pkg({ scripts: { a: "x" } }) },
      head: { "package.json": pkg({ scripts: { a: "y" } }) },
      seen: undefined,
    },
    {
      name: "other manifests, by the lines they add",
      base: { "requirements.txt": "flask==2.0\n" },
      head: {
        "requirements.txt": "flask==2.0\nrequests>=2.31\n",
        "go.mod": "module m\n\nrequire github.com/pkg/errors v0.9.1\n",
      },
      seen: {
        points: 14,
        detail:
          "3 dependency changes: go.mod:3 (adds or changes github.com/pkg/errors), requirements.txt:1 (adds or changes flask), requirements.txt:2 (adds or changes requests)",
        file: "go.mod",
        line: 3,
        evidence: [
          { file: "go.mod", line: 3, what: "adds or changes github.com/pkg/errors" },
          { file: "requirements.txt", line: 1, what: "adds or changes flask" },
          { file: "requirements.txt", line: 2, what: "adds or changes requests" },
        ],
      },
    },
    {
      name: "a lockfile changed without its manifest, in its own folder",
      base: { "web/yarn.lock": "a\n", "go.sum": "a\n" },
      head: { "web/yarn.lock": "b\n", "go.sum": "b\n", "package.json": pkg({}) },
      seen: {
        points: 10,
        detail:
          "2 dependency changes: go.sum (lockfile changed without go.mod), web/yarn.lock (lockfile changed without package.json)",
        file: "go.sum",
        evidence: [
          { file: "go.sum", what: "lockfile changed without go.mod" },
          { file: "web/yarn.lock", what: "lockfile changed without package.json" },
        ],
      },
    },
    {
      name: "a lockfile changed with its manifest",
      base: { "Cargo.lock": "a\n" },
      head: { "Cargo.lock": "b\n", "Cargo.toml": "[package]\n" },
      seen: undefined,
    },
    {
      name: "regression: a monorepo release bumping its own workspace packages counted each bump as a dependency change (theia v1.74.0 c58d760: 688 of them)",
      base: {
        "package.json": pkg({ name: "@theia/monorepo", workspaces: ["packages/*", "examples/*"] }),
        "packages/core/package.json": pkg({ name: "@theia/core", version: "1.73.0", dependencies: { ws: "8" } }),
        "packages/task/package.json": pkg({
          name: "@theia/task",
          version: "1.73.0",
          dependencies: { "@theia/core": "1.73.0", "@theia/editor": "1.73.0", "async-mutex": "^0.3.2" },
        }),
        "packages/editor/package.json": pkg({ name: "@theia/editor", version: "1.73.0" }),
        "examples/browser/package.json": pkg({
          name: "@theia/example-browser",
          dependencies: { "@theia/task": "1.73.0" },
        }),
      },
      head: {
        "package.json": pkg({ name: "@theia/monorepo", workspaces: ["packages/*", "examples/*"] }),
        "packages/core/package.json": pkg({ name: "@theia/core", version: "1.74.0", dependencies: { ws: "8" } }),
        "packages/task/package.json": pkg({
          name: "@theia/task",
          version: "1.74.0",
          dependencies: { "@theia/core": "1.74.0", "@theia/editor": "1.74.0", "async-mutex": "^0.3.2" },
        }),
        "packages/editor/package.json": pkg({ name: "@theia/editor", version: "1.74.0" }),
        "examples/browser/package.json": pkg({
          name: "@theia/example-browser",
          dependencies: { "@theia/task": "1.74.0" },
        }),
      },
      seen: undefined,
    },
    {
      name: "regression: a release's root lockfile, moving with its workspace members' package.json (the root one unchanged), was a lockfile changed without its manifest (theia v1.74.0 c58d760)",
      base: {
        "package.json": pkg({ name: "@theia/monorepo", workspaces: ["packages/*"] }),
        "package-lock.json": '{ "packages/core": { "version": "1.73.0" } }\n',
        "packages/core/package.json": pkg({ name: "@theia/core", version: "1.73.0" }),
      },
      head: {
        "package.json": pkg({ name: "@theia/monorepo", workspaces: ["packages/*"] }),
        "package-lock.json": '{ "packages/core": { "version": "1.74.0" } }\n',
        "packages/core/package.json": pkg({ name: "@theia/core", version: "1.74.0" }),
      },
      seen: undefined,
    },
    {
      name: "a manifest in another folder does not move a lockfile",
      base: { "web/yarn.lock": "a\n", "api/package.json": pkg({}) },
      head: { "web/yarn.lock": "b\n", "api/package.json": pkg({ version: "2" }) },
      seen: {
        points: 5,
        detail: "1 dependency change: web/yarn.lock (lockfile changed without package.json)",
        file: "web/yarn.lock",
        evidence: [{ file: "web/yarn.lock", what: "lockfile changed without package.json" }],
      },
    },
    {
      name: "a workspace package the change does not touch is still the repository's own; an outside package with its scope is not",
      base: {
        "package.json": pkg({ workspaces: ["packages/*"] }),
        "packages/core/package.json": pkg({ name: "@theia/core" }),
        "packages/task/package.json": pkg({ name: "@theia/task", dependencies: { "@theia/core": "1.0.0" } }),
      },
      head: {
        "package.json": pkg({ workspaces: ["packages/*"] }),
        "packages/core/package.json": pkg({ name: "@theia/core" }),
        "packages/task/package.json": pkg({
          name: "@theia/task",
          dependencies: { "@theia/core": "1.1.0", "@theia/monaco-editor-core": "1.96.302" },
        }),
      },
      seen: {
        points: 5,
        detail: "1 dependency change: packages/task/package.json:5 (new @theia/monaco-editor-core@1.96.302)",
        file: "packages/task/package.json",
        line: 5,
        evidence: [{ file: "packages/task/package.json", line: 5, what: "new @theia/monaco-editor-core@1.96.302" }],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("dependencies", { base, head, renames })).toEqual(seen);
  });

  it("a manifest the score ignores still counts: a GitHub Action's package.json under .github/ installs what it lists", async () => {
    expect(
      await signalSeen(
        "dependencies",
        {
          base: { ".github/actions/label/package.json": pkg({}) },
          head: { ".github/actions/label/package.json": pkg({ dependencies: { "left-pad": "1.3.0" } }) },
        },
        'version: 1\nignore: [".*/**"]\n',
      ),
    ).toEqual({
      points: 5,
      detail: "1 dependency change: .github/actions/label/package.json:3 (new left-pad@1.3.0)",
      file: ".github/actions/label/package.json",
      line: 3,
      evidence: [{ file: ".github/actions/label/package.json", line: 3, what: "new left-pad@1.3.0" }],
    });
  });
});
