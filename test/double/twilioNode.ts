/**
 * twilio-node, Twilio's official Node client, against the double over HTTP: the recipe of
 * docs/testing.md (a RequestClient that rewrites the origin), and the way from a resource of the
 * double's data to twilio-node's objects for it (`client.taskrouter.v1.workspaces(ws).tasks`).
 */
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";
import type { ResourceData } from "../../runtime/testing/index.js";

// recipe: start
/** Sends twilio-node's requests for `https://<label>.twilio.com/<path>` to `<url>/<label>/<path>`. */
class DoubleRequestClient extends twilio.RequestClient {
  constructor(private readonly doubleUrl: string) {
    super();
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const target = new URL(options.uri);
    const label = target.hostname.split(".")[0];
    return super.request({ ...options, uri: `${this.doubleUrl}/${label}${target.pathname}${target.search}` });
  }
}
// recipe: end

export { DoubleRequestClient };

/** twilio-node's objects are reached by name; this is the shape walked. */
type Node = Record<string, unknown> & ((key: string) => Node);

/** twilio-node's names for runs of path segments that its naming rules do not give. */
const TWILIO_NODE_NAMES: Record<string, string> = {
  "Configuration/Addresses": "addressConfigurations",
  "Operators/Custom": "customOperators",
  "Insights/QualityManagement/Questionnaires": "insightsQuestionnaires",
  "Compliance/Usa2p": "usAppToPerson",
};

/** twilio-node's list object of a resource (call it with a key for one instance), or why there is none. */
export function twilioNodeList(client: twilio.Twilio, data: ResourceData, parents: readonly string[]): Node | string {
  const [version, ...segments] = data
    .list!.replace(/\.json$/, "")
    .split("/")
    .filter((segment) => segment !== "");
  const versionName = version === "2010-04-01" ? "v2010" : camel(version!);
  let current = (client as unknown as Record<string, Record<string, unknown>>)[camel(data.host)]?.[versionName];
  if (current === undefined) return `no client.${camel(data.host)}.${versionName}`;
  const values = [...parents];
  for (let index = 0; index < segments.length;) {
    if (/^\{.+\}$/.test(segments[index]!)) {
      current = (current as Node)(values.shift()!);
      index += 1;
      continue;
    }
    const previous = segments
      .slice(0, index)
      .reverse()
      .find((segment) => !segment.startsWith("{"));
    const found = namedStep(current as Node, data.host, segments.slice(index), previous);
    if (found === undefined) return `no twilio-node name for ${segments[index]} in ${data.list}`;
    current = found.next;
    index += found.length;
  }
  return current as Node;
}

/**
 * The object below `current` named for the literal segments that start `segments`, and how many
 * it took, the longest run first: `Tollfree/Verifications` → `tollfreeVerifications`,
 * `TaskQueues` → `taskQueues`, `SIP` → `sip`, `FlexFlows` → `flexFlow`, sync's `Lists` →
 * `syncLists` and, below a List, `Items` → `syncListItems`.
 */
function namedStep(current: Node, host: string, segments: readonly string[], previous: string | undefined) {
  const end = segments.findIndex((segment) => segment.startsWith("{"));
  const literals = end === -1 ? segments : segments.slice(0, end);
  for (let length = Math.min(3, literals.length); length >= 1; length -= 1) {
    const run = literals.slice(0, length);
    const joined = camel(run.join("-"));
    const singularPrevious = previous?.replace(/s$/, "");
    const candidates =
      length === 1
        ? [joined, run[0]!.toLowerCase(), joined.replace(/s$/, ""), camel(`${host}-${run[0]}`)]
        : [joined, TWILIO_NODE_NAMES[run.join("/")]];
    if (length === 1 && singularPrevious) candidates.push(camel(`${host}-${singularPrevious}-${run[0]}`));
    for (const name of candidates) {
      const next = name === undefined ? undefined : current[name];
      if (next !== undefined && next !== null) return { next: next as Record<string, unknown>, length };
    }
  }
  return undefined;
}

/** `flex-api` → `flexApi`, `TaskQueues` → `taskQueues`. */
export function camel(name: string): string {
  const joined = name.replace(/[-_](.)/g, (_, next: string) => next.toUpperCase());
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}
