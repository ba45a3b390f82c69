/**
 * A list object that can also be called: with a key for a context, with no argument for the list
 * itself (twilio-node's instance spelling `call.recordings()`). `K` is what the key may be: a
 * string, or also a number where the spec declares the key an integer (`IntegerKey`).
 */
export type MountedList<L extends object, C, K extends IntegerKey = string> = L & {
  (): MountedList<L, C, K>;
  (key: K): C;
};

/** A key the spec declares an integer (Sync List Item's `Index`): a number, as twilio-node takes it, or its text. */
export type IntegerKey = number | string;

/** How a key becomes path text: `text` takes strings only (SIDs, names); `integer` also safe integers. */
export type KeyRule = "text" | "integer";

/** A list without keys that can also be called with no argument for itself: `workspace.statistics()`. */
export type MountedSingleton<L extends object> = L & (() => MountedSingleton<L>);

/**
 * Supports Twilio's fluent style, where one property is both callable and a
 * list: `workspaces("WS..").tasks("WT..").fetch()` and `...tasks.page()`, and
 * twilio-node's `workspace.tasks().page()`.
 *
 * The returned function is the list's twin (see `asList`), so `mounted.page()`
 * finds the list's methods and, with `this === mounted`, reads the list's
 * properties. Hence list classes must not use `#private` fields (a function
 * has none) and must not assign to `this` in methods.
 */
export function mountList<L extends object, C>(list: L, context: (key: string) => C): MountedList<L, C>;
export function mountList<L extends object, C>(
  list: L,
  context: (key: string) => C,
  rule: "integer",
): MountedList<L, C, IntegerKey>;
export function mountList<L extends object, C>(
  list: L,
  context: (key: string) => C,
  rule: KeyRule = "text",
): MountedList<L, C, IntegerKey> {
  const mounted = (...args: unknown[]): unknown =>
    args.length === 0 ? mounted : context(keyText(list, args[0], rule));
  return asList(mounted, list) as MountedList<L, C, IntegerKey>;
}

/**
 * The path text of a key passed to `list(key)` or `list.get(key)`. A string is sent as it is; under
 * the `integer` rule a safe integer is sent as its decimal text (-0 as `0`). Any other number would
 * reach the path as text the API cannot read (`1.5`, `NaN`, `1e+21`), and an undefined key is a
 * missing SID, not a request for the list (`tasks(task.sid)` must not list): both are refused.
 */
export function keyText(list: object, key: unknown, rule: KeyRule): string {
  if (typeof key === "string") return key;
  const call = `${listName(list)}(key)`;
  if (rule === "integer" && typeof key === "number") {
    if (Number.isSafeInteger(key)) return String(key);
    throw new TypeError(
      `${call} wants a whole number (a safe integer) or a string as the key, got ${String(key)}; ` +
        "pass the integer the API gave, such as the item's `index`. Nothing was sent",
    );
  }
  const got =
    typeof key === "number"
      ? `number ${String(key)}; pass the key as a string (\`String(key)\` if that number really is it)`
      : `${typeof key}; call it with no argument for the list itself`;
  throw new TypeError(`${call} wants the key as a string, got ${got}. Nothing was sent`);
}

/** Makes a list without keys callable with no argument, returning itself (see mountList). */
export function mountSingleton<L extends object>(list: L): MountedSingleton<L> {
  const mounted = (...args: unknown[]): unknown => {
    if (args.length === 0) return mounted;
    throw new TypeError(`${listName(list)}() takes no argument: this resource has no key. Nothing was sent`);
  };
  return asList(mounted, list) as MountedSingleton<L>;
}

/**
 * Gives `mounted` the list's class (its prototype) and a copy of the list's own properties. The
 * prototype is shared by every list of the class: making each new list a prototype instead costs
 * V8 several µs per call, and each `workspaces("WS..").tasks("WT..")` mounts two lists.
 */
function asList(mounted: object, list: object): object {
  Object.setPrototypeOf(mounted, Object.getPrototypeOf(list));
  const target = mounted as Record<string, unknown>;
  const source = list as Record<string, unknown>;
  for (const key of Object.keys(list)) {
    // A function's own `name` and `length` are read-only: defined, not assigned. The others are
    // assigned, which costs V8 a fraction of a definition, on every mount.
    if (key === "name" || key === "length") {
      Object.defineProperty(mounted, key, { value: source[key], writable: true, enumerable: true, configurable: true });
    } else target[key] = source[key];
  }
  return mounted;
}

function listName(list: object): string {
  return list.constructor.name;
}
