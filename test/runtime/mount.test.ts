import { describe, expect, it } from "vitest";
import { keyText, mountList, mountSingleton, type KeyRule } from "../../runtime/index.js";

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

  it.each([[undefined], [null], [{}]])("refuses the key %j: not a string", (key) => {
    expect(() => (tasks as (key: unknown) => unknown)(key)).toThrow(
      `TaskList(key) wants the key as a string, got ${typeof key}; call it with no argument for the list itself`,
    );
  });
});

/** What `list(key)` writes into the path, or the TypeError it throws, by the key's rule (keyText). */
const NUMBER_FOR_TEXT = "pass the key as a string (`String(key)` if that number really is it). Nothing was sent";
const NOT_AN_INTEGER = "pass the integer the API gave, such as the item's `index`. Nothing was sent";
const NO_KEY = "call it with no argument for the list itself. Nothing was sent";
const keyRules: [rule: KeyRule, key: unknown, want: { text: string } | { error: string }][] = [
  ["text", "WT1", { text: "WT1" }],
  ["text", "", { text: "" }],
  ["text", "3", { text: "3" }],
  ["text", 3, { error: `TaskList(key) wants the key as a string, got number 3; ${NUMBER_FOR_TEXT}` }],
  ["text", 1.5, { error: `TaskList(key) wants the key as a string, got number 1.5; ${NUMBER_FOR_TEXT}` }],
  ["text", undefined, { error: `TaskList(key) wants the key as a string, got undefined; ${NO_KEY}` }],
  ["integer", 3, { text: "3" }],
  ["integer", 0, { text: "0" }],
  ["integer", -0, { text: "0" }],
  ["integer", -2, { text: "-2" }],
  ["integer", Number.MAX_SAFE_INTEGER, { text: "9007199254740991" }],
  ["integer", "3", { text: "3" }],
  ["integer", "first", { text: "first" }],
  ...[1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 1e21].map(
    (key): [KeyRule, unknown, { error: string }] => [
      "integer",
      key,
      {
        error: `TaskList(key) wants a whole number (a safe integer) or a string as the key, got ${String(key)}; ${NOT_AN_INTEGER}`,
      },
    ],
  ),
  ["integer", 3n, { error: `TaskList(key) wants the key as a string, got bigint; ${NO_KEY}` }],
  ["integer", null, { error: `TaskList(key) wants the key as a string, got object; ${NO_KEY}` }],
  ["integer", undefined, { error: `TaskList(key) wants the key as a string, got undefined; ${NO_KEY}` }],
];

describe("keyText: the key as path text, by its rule", () => {
  const list = new TaskList("WS1");

  it.each(keyRules)("%s key %o gives %o", (rule, key, want) => {
    const call = () => keyText(list, key, rule);
    if ("text" in want) expect(call()).toBe(want.text);
    else expect(call).toThrow(new TypeError(want.error));
  });

  it("is the rule of a mounted list: integer mounts call the context with the key's text", () => {
    const seen: string[] = [];
    const items = mountList(list, (key) => seen.push(key), "integer");
    items(3);
    items("4");
    expect(seen).toEqual(["3", "4"]);
    expect(() => items(1.5)).toThrow(TypeError);
    expect(() => (mountList(list, (key) => key) as (key: unknown) => unknown)(3)).toThrow(
      `TaskList(key) wants the key as a string, got number 3; ${NUMBER_FOR_TEXT}`,
    );
    expect(seen).toEqual(["3", "4"]);
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
