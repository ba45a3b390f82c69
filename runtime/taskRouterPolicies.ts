// The URLs and default policies of TaskRouter.js tokens, under twilio-node's names (`jwt.taskrouter.util`).
import { Policy } from "./capabilityTokens.js";

const EVENT_URL_BASE = "https://event-bridge.twilio.com/v1/wschannels";
const TASKROUTER_BASE_URL = "https://taskrouter.twilio.com";
const TASKROUTER_VERSION = "v1";

const allowGet = (url: string) => new Policy({ url, method: "GET", allow: true });

/** What a Worker's token needs: its activities, tasks, reservations and itself. */
export function defaultWorkerPolicies(version: string, workspaceSid: string, workerSid: string): Policy[] {
  const workspace = [TASKROUTER_BASE_URL, version, "Workspaces", workspaceSid].join("/");
  return [
    allowGet(`${workspace}/Activities`),
    allowGet(`${workspace}/Tasks/**`),
    allowGet(`${workspace}/Workers/${workerSid}/Reservations/**`),
    allowGet(`${workspace}/Workers/${workerSid}`),
  ];
}

/** What every TaskRouter.js token needs: its event channel, read and written. */
export function defaultEventBridgePolicies(accountSid: string, channelId: string): Policy[] {
  const url = [EVENT_URL_BASE, accountSid, channelId].join("/");
  return [allowGet(url), new Policy({ url, method: "POST", allow: true })];
}

/** The parts that are given (twilio-node drops the others), joined by `/`. */
const joinGiven = (...parts: unknown[]) => parts.filter((part) => typeof part === "string").join("/");

export function workspacesUrl(workspaceSid?: string): string {
  return joinGiven(TASKROUTER_BASE_URL, TASKROUTER_VERSION, "Workspaces", workspaceSid);
}
export function taskQueuesUrl(workspaceSid: string, taskQueueSid?: string): string {
  return joinGiven(workspacesUrl(workspaceSid), "TaskQueues", taskQueueSid);
}
export function tasksUrl(workspaceSid: string, taskSid?: string): string {
  return joinGiven(workspacesUrl(workspaceSid), "Tasks", taskSid);
}
export function activitiesUrl(workspaceSid: string, activitySid?: string): string {
  return joinGiven(workspacesUrl(workspaceSid), "Activities", activitySid);
}
export function workersUrl(workspaceSid?: string, workerSid?: string): string {
  return joinGiven(workspacesUrl(workspaceSid), "Workers", workerSid);
}
export function reservationsUrl(workspaceSid: string, workerSid: string, reservationSid?: string): string {
  return joinGiven(workersUrl(workspaceSid, workerSid), "Reservations", reservationSid);
}
