import { signalSeen, type SignalCase } from "./signal-seen.js";

const x = "x\n";

describe("ci-infra: CI workflows and infrastructure code", () => {
  it.each<SignalCase>([
    {
      name: "application code is not infrastructure",
      head: { "src/deployer.ts": x, "docs/docker.md": x },
      seen: undefined,
    },
    {
      name: "a workflow",
      head: { ".github/workflows/ci.yml": x },
      seen: {
        points: 15,
        detail: "changes CI or infrastructure: .github/workflows/ci.yml (added)",
        file: ".github/workflows/ci.yml",
        evidence: [{ file: ".github/workflows/ci.yml", what: "added" }],
      },
    },
    {
      name: "Dockerfiles, compose files, Terraform and deploy folders, the first three named",
      base: { Dockerfile: "FROM a\n" },
      head: { Dockerfile: "FROM b\n", "docker-compose.yml": x, "infra/main.tf": x, "k8s/app.yaml": x },
      seen: {
        points: 15,
        detail:
          "changes CI or infrastructure: Dockerfile (modified), docker-compose.yml (added), infra/main.tf (added) and 1 more",
        file: "Dockerfile",
        evidence: [
          { file: "Dockerfile", what: "modified" },
          { file: "docker-compose.yml", what: "added" },
          { file: "infra/main.tf", what: "added" },
          { file: "k8s/app.yaml", what: "added" },
        ],
      },
    },
    {
      name: "a deleted pipeline counts",
      base: { ".gitlab-ci.yml": x },
      head: {},
      seen: {
        points: 15,
        detail: "changes CI or infrastructure: .gitlab-ci.yml (removed)",
        file: ".gitlab-ci.yml",
        evidence: [{ file: ".gitlab-ci.yml", what: "removed" }],
      },
    },
  ])("$name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("ci-infra", { base, head, renames })).toEqual(seen);
  });

  const protectingWorkflows = `version: 1
ignore: [".*/**"]
protected:
  - paths: [".github/workflows/**"]
    reason: CI changes need a human
`;
  it.each<SignalCase>([
    {
      name: "regression: a workflow under protected: was scored twice, by protected and by ci-infra",
      base: { ".github/workflows/ci.yml": x },
      head: { ".github/workflows/ci.yml": "y\n", ".github/workflows/release.yml": x },
      seen: undefined,
    },
    {
      name: "infrastructure outside protected: still counts, and only it is named",
      head: { ".github/workflows/ci.yml": x, Dockerfile: x },
      seen: {
        points: 15,
        detail: "changes CI or infrastructure: Dockerfile (added)",
        file: "Dockerfile",
        evidence: [{ file: "Dockerfile", what: "added" }],
        conductorReasons: ["touches protected path .github/workflows/ci.yml: CI changes need a human"],
      },
    },
  ])("with protected: and ignore: $name", async ({ base = {}, head, renames, seen }) => {
    expect(await signalSeen("ci-infra", { base, head, renames }, protectingWorkflows)).toEqual(seen);
  });

  it("a workflow in an ignored folder still counts (the starter score ignores `.*/**`): CI runs with the pipeline's credentials", async () => {
    expect(
      await signalSeen(
        "ci-infra",
        { base: {}, head: { ".github/workflows/ci.yml": x } },
        'version: 1\nignore: [".*/**"]\n',
      ),
    ).toEqual({
      points: 15,
      detail: "changes CI or infrastructure: .github/workflows/ci.yml (added)",
      file: ".github/workflows/ci.yml",
      evidence: [{ file: ".github/workflows/ci.yml", what: "added" }],
    });
  });
});
