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
 * The returned function's prototype is `list`, so `mounted.page()` finds the
 * list's methods and, with `this === mounted`, reads the list's properties
 * through the prototype chain. Hence list classes must not use `#private`
 * fields (they are not reachable that way) and must not assign to `this`
 * in methods. A function's own `name` and `length` shadow list properties
 * of the same names.
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
  Object.setPrototypeOf(mounted, list);
  return mounted as MountedList<L, C>;
}

/** Makes a list without keys callable with no argument, returning itself (see mountList). */
export function mountSingleton<L extends object>(list: L): MountedSingleton<L> {
  const mounted = (...args: unknown[]): unknown => {
    if (args.length === 0) return mounted;
    throw new TypeError(`${listName(list)}() takes no argument: this resource has no key. Nothing was sent`);
  };
  Object.setPrototypeOf(mounted, list);
  return mounted as MountedSingleton<L>;
}

function listName(list: object): string {
  return list.constructor.name;
}
