import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { create, Pax } from "tar";

/** Small stand-ins for a twilio-oai release's spec files: fetch does not parse them, only hashes them. */
export const FIXTURE_FILES: Record<string, string> = {
  "twilio_alpha_v1.yaml": "openapi: 3.0.1\ninfo:\n  title: alpha\n",
  // Large enough that a download cut halfway has delivered part of the archive.
  "twilio_beta_v2.yaml": `openapi: 3.0.1\ninfo:\n  title: beta\n${noise(4000)}`,
  // Longer than tar's 100-byte name field under twilio-oai-<tag>/spec/yaml/: a pax or GNU long name, a ustar prefix.
  [`twilio_${"long".repeat(20)}_v1.yaml`]: "openapi: 3.0.1\ninfo:\n  title: long\n",
};

export const FIXTURE_TAG = "9.9.9";

/** Lines of hex that gzip cannot shrink much, the same on every run. */
function noise(lines: number): string {
  let text = "";
  for (let line = 0; line < lines; line++) text += `# ${createHash("sha256").update(String(line)).digest("hex")}\n`;
  return text;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A lock of `files` as the project commits one, without an npm mirror so nothing reaches a registry. */
export function lockOf(files: Record<string, string | Buffer>, tag = FIXTURE_TAG, commit: string | null = null) {
  return {
    repository: "twilio/twilio-oai",
    tag,
    commit,
    folder: "spec/yaml",
    mirrors: [] as { package: string; version: string; folder: string; license: string }[],
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256(text)])),
  };
}

/** A fresh project root holding `specs/twilio-oai.lock.json`. */
export function projectRoot(lock: object): string {
  const root = mkdtempSync(join(tmpdir(), "specs-root-"));
  mkdirSync(join(root, "specs"));
  writeFileSync(join(root, "specs", "twilio-oai.lock.json"), JSON.stringify(lock, null, 2) + "\n");
  return root;
}

export function writeFiles(folder: string, files: Record<string, string | Buffer>): string {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

/** A release tarball in GitHub's layout (`twilio-oai-<tag>/spec/yaml/…`), made by the system's tar. */
export function releaseTarball(
  files: Record<string, string | Buffer>,
  options: { tag?: string; format?: "pax" | "gnu" | "ustar" } = {},
): Buffer {
  const work = mkdtempSync(join(tmpdir(), "release-tar-"));
  const top = `twilio-oai-${options.tag ?? FIXTURE_TAG}`;
  writeFiles(join(work, top, "spec", "yaml"), files);
  writeFiles(join(work, top), { "README.md": "# twilio-oai\n" });
  const tarball = join(work, "release.tar.gz");
  execFileSync("tar", [`--format=${options.format ?? "pax"}`, "-czf", tarball, "-C", work, top]);
  return readFileSync(tarball);
}

/**
 * A release tarball as GitHub serves a tag, a `git archive`: a pax global header first, whose `comment`
 * names the commit, then `twilio-oai-<tag>/` (with spec/yaml/ holding `files`), written by node-tar.
 */
export async function gitArchiveTarball(
  files: Record<string, string | Buffer>,
  { tag, commit }: { tag: string; commit: string },
): Promise<Buffer> {
  const work = mkdtempSync(join(tmpdir(), "git-archive-"));
  const top = `twilio-oai-${tag}`;
  writeFiles(join(work, top), { "README.md": "# twilio-oai\n" });
  writeFiles(join(work, top, "spec", "yaml"), files);
  const chunks: Buffer[] = [new Pax({ comment: commit }, true).encode()];
  for await (const chunk of create({ cwd: work, portable: true }, [top])) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

/** An npm package's tarball (`package/...`) holding `files` in its `twilio-oai/spec/yaml/`, written by node-tar. */
export async function npmPackageTarball(
  manifest: { name: string; version: string; license?: string },
  files: Record<string, string | Buffer>,
): Promise<Buffer> {
  const work = mkdtempSync(join(tmpdir(), "npm-package-"));
  writeFiles(join(work, "package"), { "package.json": JSON.stringify(manifest) });
  writeFiles(join(work, "package", "twilio-oai", "spec", "yaml"), files);
  const chunks: Buffer[] = [];
  for await (const chunk of create({ cwd: work, gzip: true, portable: true }, ["package"]))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file and folder under `folder` with its bytes (null: absent), to show that a failure changed nothing. */
export function folderState(folder: string): Record<string, string> | null {
  if (!existsSync(folder)) return null;
  const state: Record<string, string> = {};
  const visit = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      const key = relative(folder, child);
      if (statSync(child).isDirectory()) {
        state[`${key}/`] = "folder";
        visit(child);
      } else state[key] = readFileSync(child).toString("base64");
    }
  };
  visit(folder);
  return state;
}

/** A body, a status code, or a body of which only the first half is sent before the connection is cut. */
export type Answer = Buffer | number | { cutHalfway: Buffer };

/** An HTTP server on 127.0.0.1 answering `GET <path>` from `answers` (404 for any other path). */
export async function releaseServer(answers: Map<string, Answer>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const answer = answers.get(request.url ?? "") ?? 404;
    if (typeof answer === "number") {
      response.writeHead(answer).end();
      return;
    }
    const body = Buffer.isBuffer(answer) ? answer : answer.cutHalfway;
    response.writeHead(200, { "content-type": "application/gzip", "content-length": body.length });
    if (Buffer.isBuffer(answer)) response.end(body);
    else response.write(body.subarray(0, body.length >> 1), () => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A 127.0.0.1 URL on which nothing listens: connecting is refused. */
export async function refusedUrl(): Promise<string> {
  const { url, server } = await releaseServer(new Map());
  await new Promise((resolve) => server.close(resolve));
  return url;
}
