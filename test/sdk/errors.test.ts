/** Error responses surface as RestException (and its 412 / 428 subclasses). */
import { describe, expect, it } from "vitest";
import {
  PreconditionFailedException,
  PreconditionRequiredException,
  RestException,
} from "../fixtures/generated/index.js";
import { json, taskJson, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const task = () => sdk.twilio.tasks.v1.workspaces("WS1").tasks("WT1");

/** Awaits a promise that must reject, and returns the rejection. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the promise to reject");
}

function twilioError(status: number, code: number, message: string) {
  return {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  };
}

describe("RestException", () => {
  it("carries status, code, message, moreInfo, body and headers of a 404", async () => {
    const body = twilioError(404, 20404, "The requested resource was not found");
    sdk.respond(() => json(body, { "Twilio-Request-Id": "RQ404" }, 404));

    const error = await rejectionOf(task().fetch());

    expect(error).toBeInstanceOf(RestException);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PreconditionFailedException);
    expect(error).not.toBeInstanceOf(PreconditionRequiredException);
    const exception = error as RestException;
    expect(exception.name).toBe("RestException");
    expect(exception.status).toBe(404);
    expect(exception.code).toBe(20404);
    expect(exception.message).toBe("The requested resource was not found");
    expect(exception.moreInfo).toBe("https://www.twilio.com/docs/errors/20404");
    expect(exception.body).toEqual(body);
    expect(exception.headers.get("twilio-request-id")).toBe("RQ404");
    expect(sdk.onlyRequest()).toMatchObject({
      method: "GET",
      url: "/v1/Workspaces/WS1/Tasks/WT1",
    });
  });

  it("keeps the details of a 400", async () => {
    sdk.respond(() =>
      json(
        {
          ...twilioError(400, 20001, "Invalid priority"),
          details: { field: "Priority" },
        },
        {},
        400,
      ),
    );

    const error = (await rejectionOf(task().update({ priority: -1 }))) as RestException;

    expect(error).toBeInstanceOf(RestException);
    expect(error.status).toBe(400);
    expect(error.code).toBe(20001);
    expect(error.details).toEqual({ field: "Priority" });
  });

  it("falls back to `HTTP <status>` and the text body when the body is not JSON", async () => {
    sdk.respond(() => ({
      status: 502,
      headers: { "Content-Type": "text/html" },
      body: "<h1>Bad Gateway</h1>",
    }));

    const error = (await rejectionOf(task().fetch())) as RestException;

    expect(error).toBeInstanceOf(RestException);
    expect(error.status).toBe(502);
    expect(error.message).toBe("HTTP 502");
    expect(error.code).toBeUndefined();
    expect(error.moreInfo).toBeUndefined();
    expect(error.body).toBe("<h1>Bad Gateway</h1>");
  });
});

describe("precondition errors", () => {
  it("412 on update rejects with PreconditionFailedException carrying the current ETag", async () => {
    sdk.respond(() => json(twilioError(412, 20412, "The resource has been modified"), { ETag: 'W/"5"' }, 412));

    const error = await rejectionOf(task().update({ ifMatch: '"0"', priority: 2 }));

    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect(error).toBeInstanceOf(RestException);
    const exception = error as PreconditionFailedException;
    expect(exception.name).toBe("PreconditionFailedException");
    expect(exception.status).toBe(412);
    expect(exception.code).toBe(20412);
    expect(exception.headers.get("ETag")).toBe('W/"5"');
    expect(sdk.onlyRequest().headers["if-match"]).toBe('"0"');
  });

  it("428 on remove rejects with PreconditionRequiredException", async () => {
    sdk.respond(() => json(twilioError(428, 20428, "If-Match is required"), {}, 428));

    const error = await rejectionOf(task().remove());

    expect(error).toBeInstanceOf(PreconditionRequiredException);
    expect(error).toBeInstanceOf(RestException);
    expect(error).not.toBeInstanceOf(PreconditionFailedException);
    const exception = error as PreconditionRequiredException;
    expect(exception.name).toBe("PreconditionRequiredException");
    expect(exception.status).toBe(428);
    expect(exception.message).toBe("If-Match is required");
    const request = sdk.onlyRequest();
    expect(request.method).toBe("DELETE");
    expect(request.headers).not.toHaveProperty("if-match");
  });

  it("412 on a JSON-body operation is a PreconditionFailedException too", async () => {
    sdk.respond(() => json(twilioError(412, 20412, "Stale"), { ETag: '"9"' }, 412));

    const error = await rejectionOf(
      sdk.twilio.documents.v2.stores("ST1").update({
        ifMatch: '"1"',
        body: { name: "t", settings: {} },
      }),
    );

    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect((error as RestException).headers.get("etag")).toBe('"9"');
  });

  it("a stale instance's update fails with 412 and a refetch gives the new ETag", async () => {
    let current = 'W/"1"';
    sdk.respond((request) => {
      if (request.method === "GET") return json(taskJson(), { ETag: current });
      if (request.headers["if-match"] !== current) {
        return json(twilioError(412, 20412, "Stale"), { ETag: current }, 412);
      }
      current = 'W/"2"';
      return json(taskJson({ priority: 9 }), { ETag: current });
    });

    const stale = await task().fetch();
    current = 'W/"7"'; // Someone else changed the Task meanwhile.
    const error = await rejectionOf(stale.update({ ifMatch: stale.etag, priority: 9 }));
    const fresh = await stale.fetch();
    const updated = await fresh.update({ ifMatch: fresh.etag, priority: 9 });

    expect(error).toBeInstanceOf(PreconditionFailedException);
    expect((error as RestException).headers.get("ETag")).toBe('W/"7"');
    expect(fresh.etag).toBe('W/"7"');
    expect(updated.priority).toBe(9);
    expect(sdk.server.requests.map((r) => r.headers["if-match"])).toEqual([undefined, 'W/"1"', undefined, 'W/"7"']);
  });
});

describe("errors while paging", () => {
  it("list() rejects with the RestException of a failing later page", async () => {
    sdk.respond((request, origin) =>
      request.url.includes("Page=1")
        ? json(twilioError(503, 20503, "Service unavailable"), {}, 503)
        : json({
            tasks: [taskJson({ sid: "WT0" })],
            meta: {
              key: "tasks",
              next_page_url: `${origin}/v1/Workspaces/WS1/Tasks?Page=1`,
            },
          }),
    );

    const error = await rejectionOf(sdk.twilio.tasks.v1.workspaces("WS1").tasks.list());

    expect(error).toBeInstanceOf(RestException);
    expect((error as RestException).status).toBe(503);
    expect(sdk.server.requests).toHaveLength(2);
  });
});
