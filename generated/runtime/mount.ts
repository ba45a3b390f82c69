/**
 * A list object that can also be called: with a key for a context, with no argument for the list
 * itself (twilio-node's instance spelling `call.recordings()`).
 */
export type MountedList<L extends object, C> = L & {
  (): MountedList<L, C>;
  (key: string): C;
};

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
export function mountList<L extends object, C>(list: L, context: (key: string) => C): MountedList<L, C> {
  const mounted = (...args: unknown[]): unknown => {
    if (args.length === 0) return mounted;
    const [key] = args;
    // An undefined key is a missing SID, not a request for the list: `tasks(task.sid)` must not list.
    if (typeof key !== "string") {
      throw new TypeError(
        `${listName(list)}(key) wants the key as a string, got ${typeof key}; ` +
          `call it with no argument for the list itself. Nothing was sent`,
      );
    }
    return context(key);
  };
  return asList(mounted, list) as MountedList<L, C>;
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
