const DEFAULT_REGION = "us1";

/**
 * Adds an edge and a region to a Twilio hostname as twilio-node does (BaseTwilio.getHostname):
 * `api.twilio.com` → `api.<edge>.<region>.twilio.com`; an edge without a region goes to `us1`;
 * edge and region already in the hostname are kept unless replaced.
 */
export function regionalHostname(hostname: string, edge: string | undefined, region: string | undefined): string {
  const domain = hostname.split(".").slice(-2).join(".");
  const [product, ownEdge, ownRegion] = hostname.slice(0, -(domain.length + 1)).split(".");
  // `api.au1.twilio.com` names a region, not an edge.
  const [givenEdge, givenRegion] = ownEdge && !ownRegion ? [undefined, ownEdge] : [ownEdge, ownRegion];
  const targetRegion = region || givenRegion || (edge ? DEFAULT_REGION : undefined);
  if (!targetRegion) return hostname;
  return [product, edge || givenEdge, targetRegion, domain].filter((part) => part).join(".");
}
