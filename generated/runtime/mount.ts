/** A list object that can also be called with a key to get a context. */
export type MountedList<L extends object, C> = L & ((key: string) => C);

/**
 * Supports Twilio's fluent style, where one property is both callable and a
 * list: `workspaces("WS..").tasks("WT..").fetch()` and `...tasks.page()`.
 *
 * The returned function's prototype is `list`, so `mounted.page()` finds the
 * list's methods and, with `this === mounted`, reads the list's properties
 * through the prototype chain. Hence list classes must not use `#private`
 * fields (they are not reachable that way) and must not assign to `this`
 * in methods. A function's own `name` and `length` shadow list properties
 * of the same names.
 */
export function mountList<L extends object, C>(list: L, context: (key: string) => C): MountedList<L, C> {
  const mounted = (key: string): C => context(key);
  Object.setPrototypeOf(mounted, list);
  return mounted as MountedList<L, C>;
}
