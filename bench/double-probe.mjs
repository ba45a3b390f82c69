// One measurement of the Twilio double, in a fresh Node process on the bundled double of the full
// SDK (generated/testing, bundled by esbuild as the published package's JavaScript would load):
//   node double-probe.mjs <bundle> startup          import + createTwilioDouble() + one answer
//   node double-probe.mjs <bundle> in-process <n>    n sequential fetches of one Task
//   node --expose-gc double-probe.mjs <bundle> memory <n>   n Tasks stored, heap after GC
// Prints one JSON line.
const [bundle, mode, count = "0"] = process.argv.slice(2);
const started = performance.now();
const { createTwilioDouble } = await import(bundle);
const double = createTwilioDouble();
const WORKSPACE = `https://taskrouter.twilio.com/v1/Workspaces/WS${"0".repeat(32)}`;
const form = { "Content-Type": "application/x-www-form-urlencoded" };
const created = await double.fetch(`${WORKSPACE}/Tasks`, { method: "POST", headers: form, body: "Priority=1" });
const task = await created.json();
const ready = performance.now();

if (mode === "startup") {
  console.log(JSON.stringify({ seconds: (ready - started) / 1000 }));
} else if (mode === "in-process") {
  const url = `${WORKSPACE}/Tasks/${task.sid}`;
  for (let index = 0; index < 200; index += 1) await (await double.fetch(url)).json();
  const begin = performance.now();
  for (let index = 0; index < Number(count); index += 1) await (await double.fetch(url)).json();
  console.log(JSON.stringify({ perSecond: Number(count) / ((performance.now() - begin) / 1000) }));
} else if (mode === "memory") {
  globalThis.gc();
  const before = process.memoryUsage();
  for (let index = 0; index < Number(count); index += 1) {
    double.seed(`${WORKSPACE}/Tasks`, { priority: index, attributes: `{"n":${index}}` });
  }
  globalThis.gc();
  const after = process.memoryUsage();
  const stored = double.list(`${WORKSPACE}/Tasks`).length;
  console.log(JSON.stringify({ heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss, stored }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
