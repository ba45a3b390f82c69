import { describe, expect, it } from "vitest";
import { mountList, mountSingleton } from "../../runtime/index.js";

class TaskContext {
  constructor(
    readonly workspaceSid: string,
    readonly sid: string,
  ) {}
}

class TaskList {
  constructor(readonly workspaceSid: string) {}

  page(): string {
    return `page of ${this.workspaceSid}`;
  }
}

describe("mountList", () => {
  const list = new TaskList("WS1");
  const tasks = mountList(list, (sid) => new TaskContext(list.workspaceSid, sid));

  it("is callable with a key to get a context", () => {
    const context = tasks("WT1");

    expect(context).toBeInstanceOf(TaskContext);
    expect(context).toMatchObject({ workspaceSid: "WS1", sid: "WT1" });
  });

  it("calls list methods, which read the list's properties", () => {
    expect(tasks.page()).toBe("page of WS1");
    expect(tasks.workspaceSid).toBe("WS1");
    expect(tasks).toBeInstanceOf(TaskList);
  });
});

describe("mountList and a list's own properties", () => {
  class NamedList {
    constructor(
      readonly name: string,
      readonly length: number,
    ) {}
  }

  it("reads every own property of the list, even those a function has itself (name, length)", () => {
    const mounted = mountList(new NamedList("queues", 3), (key) => key);

    expect(mounted.name).toBe("queues");
    expect(mounted.length).toBe(3);
    expect(mounted).toBeInstanceOf(NamedList);
  });

  it("gives each mount its list's values, when many lists of one class are mounted", () => {
    const [first, second] = ["WS1", "WS2"].map((sid) => mountList(new TaskList(sid), (key) => key));

    expect([first!.page(), second!.page()]).toEqual(["page of WS1", "page of WS2"]);
  });
});

describe("mountList called with no argument", () => {
  const list = new TaskList("WS1");
  const tasks = mountList(list, (sid) => new TaskContext(list.workspaceSid, sid));

  it("returns the list itself, still callable (twilio-node's instance spelling `workspace.tasks()`)", () => {
    expect(tasks()).toBe(tasks);
    expect(tasks().page()).toBe("page of WS1");
    expect(tasks()("WT2")).toMatchObject({ workspaceSid: "WS1", sid: "WT2" });
  });

  it.each([[undefined], [null], [1], [{}]])("refuses the key %j: not a string", (key) => {
    expect(() => (tasks as (key: unknown) => unknown)(key)).toThrow(
      `TaskList(key) wants the key as a string, got ${typeof key}; call it with no argument for the list itself`,
    );
  });
});

describe("mountSingleton", () => {
  const statistics = mountSingleton(new TaskList("WS1"));

  it("is the list, and callable with no argument for itself", () => {
    expect(statistics.page()).toBe("page of WS1");
    expect(statistics()).toBe(statistics);
    expect(statistics().workspaceSid).toBe("WS1");
    expect(statistics).toBeInstanceOf(TaskList);
  });

  it("refuses an argument: there is no key", () => {
    expect(() => (statistics as (key: unknown) => unknown)("WS1")).toThrow(
      "TaskList() takes no argument: this resource has no key. Nothing was sent",
    );
  });
});
