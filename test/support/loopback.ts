import type { Server } from "node:http";

/**
 * Starts a test server on 127.0.0.1 at a free port. Its idle connections outlive the client's own
 * keep-alive (about 4 s in Node's fetch), so the client closes them first and never sends a request
 * on a socket the server is closing (an ECONNRESET, seen on a busy machine).
 */
export async function listenOnLoopback(server: Server): Promise<void> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
}
