import picomatch from "picomatch";

/** What kind of file a path is, for the risk signals: tests, manifests, lockfiles, CI and infrastructure. */
const isTestPath = picomatch(
  [
    "**/*.{test,spec}.*",
    "**/__tests__/**",
    "{test,tests,spec,__tests__,e2e}/**",
    "**/{test,tests,spec,e2e}/**",
    "**/test_*.py",
    "**/*_test.{py,go}",
    "**/*Test.java",
  ],
  { dot: true },
);
export const isTest = (path: string): boolean => isTestPath(path);

// Maps, not object literals: a file named `constructor` or `toString` must not find Object's built-ins.
export const MANIFESTS: ReadonlyMap<string, string> = new Map([
  ["package.json", "npm"],
  ["requirements.txt", "pip"],
  ["pyproject.toml", "pip"],
  ["go.mod", "go"],
  ["Cargo.toml", "cargo"],
  ["pom.xml", "maven"],
  ["build.gradle", "gradle"],
  ["Gemfile", "bundler"],
]);

/** lockfile → the manifest it locks, in the same folder. */
export const LOCKFILES: ReadonlyMap<string, string> = new Map([
  ["package-lock.json", "package.json"],
  ["yarn.lock", "package.json"],
  ["pnpm-lock.yaml", "package.json"],
  ["npm-shrinkwrap.json", "package.json"],
  ["go.sum", "go.mod"],
  ["Cargo.lock", "Cargo.toml"],
  ["poetry.lock", "pyproject.toml"],
  ["Gemfile.lock", "Gemfile"],
]);

export const isLockfile = (path: string): boolean => LOCKFILES.has(baseName(path));

/** Files a tool writes: minified bundles, source maps, test snapshots. Nobody reads their lines as written. */
const isGeneratedPath = picomatch(["**/*.min.{js,mjs,cjs,css}", "**/*.map", "**/__snapshots__/**", "**/*.snap"], {
  dot: true,
});
export const isGenerated = (path: string): boolean => isGeneratedPath(path);

/** CHANGELOG.md, CHANGES, HISTORY.rst, NEWS: where a release writes its version. */
const CHANGELOG = /^(?:change[-_]?log|changes|history|news|releases?)(?:\.(?:md|markdown|rst|txt|adoc))?$/i;

/**
 * A file a release bumps versions in: a manifest, a lockfile or a changelog. Touching a module only there says
 * nothing of its code (the `dependencies` signal weighs what manifests and lockfiles change).
 */
export function isVersionBookkeeping(path: string): boolean {
  const name = baseName(path);
  return MANIFESTS.has(name) || LOCKFILES.has(name) || CHANGELOG.test(name);
}

/**
 * What people write, as the history signals weigh it: not a lockfile, not generated, not a manifest or changelog a
 * release bumps.
 */
export function isHandWritten(path: string): boolean {
  return !isLockfile(path) && !isGenerated(path) && !isVersionBookkeeping(path);
}

/** Source code in the languages the signals know, type declarations (`.d.ts`) included. */
const CODE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|cs|php|swift|scala|c|cc|cpp|h|hpp)$/;
export const isCode = (path: string): boolean => CODE.test(path);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function dirName(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

const isCiInfraPath = picomatch(
  [
    ".github/workflows/**",
    ".github/actions/**",
    ".gitlab-ci.yml",
    ".circleci/**",
    "Jenkinsfile",
    "azure-pipelines.yml",
    ".buildkite/**",
    "**/Dockerfile",
    "**/Dockerfile.*",
    "**/*.dockerfile",
    "**/docker-compose*.{yml,yaml}",
    "**/compose*.{yml,yaml}",
    "**/*.tf",
    "**/*.tfvars",
    "**/{k8s,kubernetes,helm,charts,deploy,infra,terraform}/**",
    "**/serverless.{yml,yaml}",
    "**/Pulumi*.{yml,yaml}",
  ],
  { dot: true },
);
export const isCiInfra = (path: string): boolean => isCiInfraPath(path);
