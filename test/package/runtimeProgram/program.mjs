/**
 * The one program the runtime matrix runs on every runtime (runtimes.test.ts), plain ESM so that
 * each runs it as it is: the packed SDK's root and taskrouter entries against the Twilio double
 * served on 127.0.0.1, through the runtime's own fetch. It answers what it saw, as plain data.
 */
import { PreconditionFailedException, ResourceInstance, RestException, Twilio } from "twilio-etag-sdk";
import { Taskrouter, RestException as TaskrouterRestException } from "twilio-etag-sdk/taskrouter";

export async function run(doubleUrl) {
  const options = {
    accountSid: `AC${"0".repeat(32)}`,
    authToken: "test",
    baseUrls: { taskrouter: `${doubleUrl}/taskrouter` },
  };
  const taskrouter = new Taskrouter(options);
  // A workspace of its own: the runtimes share one double and run at once.
  const workspace = await taskrouter.v1.workspaces.create({ friendlyName: "runtime matrix" });
  const tasks = taskrouter.v1.workspaces(workspace.sid).tasks;
  const created = [];
  for (const priority of [1, 2, 3]) created.push(await tasks.create({ attributes: "{}", priority }));
  const task = tasks(created[0].sid);

  const read = await task.fetch();
  const updated = await task.update({ ifMatch: read.etag, priority: 5 });
  const stale = await task.update({ ifMatch: read.etag, priority: 9 }).then(
    () => undefined,
    (error) => error,
  );

  const paged = [];
  for await (const item of tasks.each({ pageSize: 2 })) paged.push(item.priority);

  const mutated = await task.mutate((current) => ({ priority: current.priority + 10 }));
  // The root entry and the taskrouter entry mixed: one copy of each class between them.
  const viaRoot = await new Twilio(options).taskrouter.v1.workspaces(workspace.sid).tasks(created[0].sid).fetch();
  return {
    // Which runtime ran it: Node 20 has no navigator.
    runtime: globalThis.navigator?.userAgent ?? `Node.js/${globalThis.process?.version}`,
    read: typeof read.etag === "string" && read.etag.length > 0,
    updated: { priority: updated.priority, etagMoved: updated.etag !== read.etag },
    stale: {
      preconditionFailed: stale instanceof PreconditionFailedException,
      restException: stale instanceof RestException,
      status: stale?.status,
      code: stale?.code,
    },
    paged: paged.sort((a, b) => a - b),
    mutated: { priority: mutated.priority, etagMoved: mutated.etag !== updated.etag },
    oneCopy: {
      sameInstanceClass: viaRoot.constructor === read.constructor,
      resourceInstance: read instanceof ResourceInstance && viaRoot instanceof ResourceInstance,
      sameErrorClass: TaskrouterRestException === RestException,
    },
  };
}
