import type { Server } from "node:http";
import { createServer } from "node:net";

/**
 * Starts a test server on 127.0.0.1 at a free port. Its idle connections outlive the client's own
 * keep-alive (about 4 s in Node's fetch), so the client closes them first and never sends a request
 * on a socket the server is closing (an ECONNRESET, seen on a busy machine).
 */
export async function listenOnLoopback(server: Server): Promise<void> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
}

/** A port that was free a moment ago: listen on port 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not read the port of a temporary server"));
      });
    });
  });
}
