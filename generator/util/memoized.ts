/**
 * A pure function of one string, its answers remembered: the same names (fields, parameters,
 * resources) come back thousands of times in a corpus. At most `limit` answers are kept.
 */
export function memoized(answer: (text: string) => string, limit = 50_000): (text: string) => string {
  const answers = new Map<string, string>();
  return (text) => {
    let known = answers.get(text);
    if (known === undefined) {
      known = answer(text);
      if (answers.size >= limit) answers.clear();
      answers.set(text, known);
    }
    return known;
  };
}
