import nock from "nock";

/**
 * For a test file that mocks GitHub with nock: no real network, and every request that no
 * interceptor answered is recorded and fails the test. Without this, an unmocked request turns
 * into a 500 that the app may retry, swallow or report as a failure the test never looks at.
 * Returns the requests recorded so far in this test, for a test that asserts on them itself.
 */
export function rejectUnmockedRequests(): () => string[] {
  let unmatched: string[] = [];
  // nock passes (options) when no interceptor exists for the host, (request, options, body) otherwise.
  const record = (...args: { method?: string; host?: string; path?: string }[]) => {
    const request = args[1] ?? args[0];
    unmatched.push(`${request?.method ?? "?"} ${request?.host ?? ""}${request?.path ?? ""}`);
  };
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on("no match", record);
  });
  afterEach(() => {
    nock.cleanAll();
    const seen = unmatched;
    unmatched = [];
    if (seen.length > 0) throw new Error(`requests nobody mocked:\n- ${seen.join("\n- ")}`);
  });
  afterAll(() => {
    nock.emitter.removeListener("no match", record);
    nock.enableNetConnect();
  });
  return () => [...unmatched];
}
