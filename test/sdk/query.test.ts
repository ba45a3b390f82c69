/** How page() options become the query string (and headers) of a list request. */
import { describe, expect, it } from "vitest";
import { json, queryOf, rawPath, rawQuery, storeJson, useTwilioServer } from "./harness.js";

const sdk = useTwilioServer();
const emptyTasks = () => json({ tasks: [], meta: { key: "tasks", next_page_url: null } });
const tasks = () => sdk.twilio.tasks.v1.workspaces("WS1").tasks;

describe("query serialization", () => {
  it("repeats an array enum, writes booleans and Dates, and keeps `<`/`>` keys", async () => {
    sdk.respond(emptyTasks);

    const page = await tasks().page({
      assignmentStatus: ["pending", "reserved"],
      hasReservations: true,
      dateCreatedAfter: new Date("2024-01-02T03:04:05Z"),
    });

    const request = sdk.onlyRequest();
    const query = queryOf(request);
    expect(request.method).toBe("GET");
    expect(rawPath(request)).toBe("/v1/Workspaces/WS1/Tasks");
    expect(query.getAll("AssignmentStatus")).toEqual(["pending", "reserved"]);
    expect(query.get("HasReservations")).toBe("true");
    expect(query.get("DateCreated>")).toBe("2024-01-02T03:04:05Z");
    expect([...query.keys()]).toEqual(["AssignmentStatus", "AssignmentStatus", "HasReservations", "DateCreated>"]);
    expect(rawQuery(request)).toBe(
      "AssignmentStatus=pending&AssignmentStatus=reserved&HasReservations=true" +
        "&DateCreated%3E=2024-01-02T03%3A04%3A05Z",
    );
    expect(request.body).toBe("");
    expect(page.instances).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
  });

  it("keeps false and 0, passes date strings through and encodes reserved characters", async () => {
    sdk.respond(emptyTasks);

    await tasks().page({
      hasReservations: false,
      priority: 0,
      ordering: "Priority:desc,DateCreated:asc",
      dateCreatedBefore: "2024-01-31",
      pageSize: 20,
    });

    const request = sdk.onlyRequest();
    expect(rawQuery(request)).toBe(
      "Priority=0&Ordering=Priority%3Adesc%2CDateCreated%3Aasc&HasReservations=false" +
        "&DateCreated%3C=2024-01-31&PageSize=20",
    );
    expect(queryOf(request).get("Ordering")).toBe("Priority:desc,DateCreated:asc");
  });

  it("sends no query string when no option is set", async () => {
    sdk.respond(emptyTasks);

    await tasks().page();

    expect(sdk.onlyRequest().url).toBe("/v1/Workspaces/WS1/Tasks");
  });

  it("encodes spaces and & in a filter value", async () => {
    sdk.respond(() => json({ workspaces: [], meta: { key: "workspaces" } }));

    await sdk.twilio.tasks.v1.workspaces.page({
      friendlyName: "Sales & Support",
    });

    const request = sdk.onlyRequest();
    expect(request.url).toBe("/v1/Workspaces?FriendlyName=Sales+%26+Support");
    expect(queryOf(request).get("FriendlyName")).toBe("Sales & Support");
  });

  it("sends a header parameter of a list operation as a header, not in the query", async () => {
    sdk.respond(() => json({ stores: [storeJson()], meta: { key: "stores" } }));

    const page = await sdk.twilio.documents.v2.stores.page({
      xTwilioDocumentsVersion: "2026-01-01",
      pageSize: 10,
    });

    const request = sdk.onlyRequest();
    expect(request.url).toBe("/v2/Stores?PageSize=10");
    expect(request.headers["x-twilio-documents-version"]).toBe("2026-01-01");
    expect(page.instances.map((store) => store.name)).toEqual(["s"]);
  });
});
