import { checkRequest } from "./openapi-validator.js";

describe("the emulator's OpenAPI check", () => {
  it("accepts a request GitHub would take", () => {
    expect(
      checkRequest("POST", "/repos/a/b/check-runs", { name: "Maestro", head_sha: "abc", status: "in_progress" }),
    ).toBeUndefined();
    expect(checkRequest("GET", "/repos/a/b/pulls/2/files", undefined)).toBeUndefined();
  });

  it("rejects a body GitHub would refuse, and a route GitHub does not have", () => {
    expect(
      checkRequest("POST", "/repos/a/b/check-runs", { name: "Maestro", head_sha: "abc", status: "half-done" }),
    ).toMatch(/^POST \/repos\/\{owner\}\/\{repo\}\/check-runs: /);
    expect(checkRequest("PATCH", "/repos/a/b/check-runs/1", { output: { title: "t" } })).toMatch(/summary/);
    expect(checkRequest("GET", "/repos/a/b/verdicts", undefined)).toBe(
      "GET /repos/a/b/verdicts: no such operation in GitHub's API",
    );
  });
});
