import type { IncomingMessage, ServerResponse } from "node:http";

/** `GET /healthz`: the process is up and serving (load balancers and Kubernetes probe it). */
export function healthHandler(version: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok", version }));
    return true;
  };
}
