import { describe, expect, it } from "vitest";
import { mountList } from "../../runtime/index.js";

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
