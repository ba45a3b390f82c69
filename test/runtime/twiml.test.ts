/**
 * TwiML against twilio-node: every element, child method and attribute its classes have is in our
 * tables (read from its classes and its .d.ts at test time), and the XML is twilio-node's, byte for
 * byte, over a hand-written corpus and over generated trees. A strict compile proves the types.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import twilio from "twilio";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { twiml } from "../../generated/index.js";
import { FAX, MESSAGING, VOICE, type TwiMLElementFacts, type TwiMLTable } from "../../runtime/twimlFacts.js";
import { REPO_ROOT } from "../support/corpus.js";

type AnyNode = Record<string, (...args: unknown[]) => AnyNode>;
type Constructor = new () => AnyNode;
const theirs = twilio.twiml as unknown as Record<string, Constructor & Record<string, Constructor>>;
const ours = twiml as unknown as Record<string, Constructor>;
const RESPONSES = [
  ["VoiceResponse", VOICE],
  ["MessagingResponse", MESSAGING],
  ["FaxResponse", FAX],
] as const satisfies readonly (readonly [string, TwiMLTable])[];

const factsOf = (table: TwiMLTable, key: string) => table[key] as TwiMLElementFacts;

/** Runs `build` on a new response of each SDK: both throw, or both write the same XML. */
function sameXml(response: string, build: (r: AnyNode) => void): { ours: string; theirs: string } {
  const outcome = (make: Constructor) => {
    const r = new make();
    try {
      build(r);
      return String(r);
    } catch (error) {
      return `throws: ${error instanceof Error}`;
    }
  };
  return { ours: outcome(ours[response]!), theirs: outcome(theirs[response]!) };
}

/** twilio-node's attribute types from its .d.ts, per class and method: { attribute: kind }. */
function theirAttributes(response: string): Map<string, Record<string, string>> {
  const dir = dirname(createRequire(import.meta.url).resolve("twilio/lib/twiml/TwiML.js"));
  const file = join(dir, `${response}.d.ts`);
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const kindOf = (type: ts.Type): string => {
    if (type.isUnion()) {
      const kinds = new Set(
        type.types.map((part) => (part.flags & ts.TypeFlags.BooleanLiteral ? "boolean" : kindOf(part))),
      );
      if (kinds.size !== 1) throw new Error(`mixed attribute type ${checker.typeToString(type)}`);
      return [...kinds][0]!;
    }
    if (type.flags & ts.TypeFlags.StringLike) return "string";
    if (type.flags & ts.TypeFlags.NumberLike) return "number";
    if (type.flags & ts.TypeFlags.BooleanLike) return "boolean";
    if (checker.isArrayType(type)) return `${kindOf(checker.getTypeArguments(type as ts.TypeReference)[0]!)}[]`;
    throw new Error(`unknown attribute type ${checker.typeToString(type)}`);
  };
  const found = new Map<string, Record<string, string>>();
  const visit = (node: ts.Node, className: string | undefined): void => {
    if (ts.isClassDeclaration(node)) className = className === undefined ? "Response" : node.name!.text;
    if (ts.isModuleDeclaration(node)) className = "";
    if (ts.isMethodDeclaration(node) && className) {
      const parameter = node.parameters.find((p) => (p.name as ts.Identifier).text === "attributes");
      if (parameter?.type) {
        const attributes: Record<string, string> = {};
        for (const property of checker.getPropertiesOfType(checker.getTypeAtLocation(parameter.type))) {
          const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, parameter));
          attributes[property.name] = kindOf(type);
        }
        const key = `${className}.${(node.name as ts.Identifier).text}`;
        found.set(key, { ...found.get(key), ...attributes });
      }
    }
    ts.forEachChild(node, (child) => visit(child, className));
  };
  visit(program.getSourceFile(file)!, undefined);
  return found;
}

describe("the tables have every element, child method and attribute of twilio-node's classes", () => {
  it.each(RESPONSES)("%s", (response, table) => {
    const Response = theirs[response]!;
    const attributes = theirAttributes(response);
    // Walks twilio-node's classes from the response, each class once, calling each method on it.
    const found: Record<
      string,
      { tag: string; text?: true; attrs: Record<string, string>; children: Record<string, string> }
    > = {};
    const pending: [string, AnyNode][] = [["Response", new Response()]];
    found.Response = { tag: "Response", attrs: {}, children: {} };
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [className, node] = next;
      const prototype = Object.getPrototypeOf(node) as object;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        if (method === "constructor" || method.startsWith("comment")) continue;
        const child = node[method]!({});
        const childClass = child.constructor.name;
        expect(child.constructor, `${response}.${childClass}`).toBe(Response[childClass]);
        found[className]!.children[method] = childClass;
        const takesText = (prototype as Record<string, (...args: unknown[]) => unknown>)[method]!.length === 2;
        // twilio-node's element object (xmlbuilder's) knows the tag it was made with.
        const tag = (child as unknown as { _getXml(): { name: string } })._getXml().name;
        if (found[childClass] === undefined) {
          found[childClass] = { tag, ...(takesText ? { text: true } : {}), attrs: {}, children: {} };
          pending.push([childClass, child]);
        }
        expect(found[childClass]!.tag, `${className}.${method}`).toBe(tag);
        Object.assign(found[childClass]!.attrs, attributes.get(`${className}.${method}`));
      }
    }
    const expected = Object.fromEntries(
      Object.entries(found).map(([key, { attrs, children, ...rest }]) => [
        key,
        {
          ...rest,
          ...(Object.keys(attrs).length ? { attrs } : {}),
          ...(Object.keys(children).length ? { children } : {}),
        },
      ]),
    );
    expect(table).toEqual(expected);
    expect(Object.keys(found).length).toBe(response === "VoiceResponse" ? 60 : response === "FaxResponse" ? 2 : 5);
  });

  it.each(RESPONSES)(
    "%s: our builder has every method, and adding each child once writes twilio-node's XML",
    (response, table) => {
      const calls: [string, string][] = [];
      for (const [key, facts] of Object.entries(table)) {
        for (const method of Object.keys(facts.children ?? {})) calls.push([key, method]);
      }
      const build = (r: AnyNode) => {
        const nodes: Record<string, AnyNode> = { Response: r };
        // Each element once, from its first parent reached, before its own children are added.
        for (let added = -1; added !== 0;) {
          added = 0;
          for (const [key, method] of calls) {
            const child = factsOf(table, key).children![method]!;
            if (nodes[key] && !nodes[`${key}.${method}`]) {
              const node = nodes[key]![method]!({});
              nodes[`${key}.${method}`] = node;
              nodes[child] ??= node;
              added++;
            }
          }
        }
      };
      const { ours: mine, theirs: reference } = sameXml(response, build);
      expect(mine).toBe(reference);
      expect(mine.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
    },
  );
});

/** Tags nested in a document as "Parent>Child" pairs (comments left out; attribute values quoted). */
function tagPairs(xml: string): Set<string> {
  const pairs = new Set<string>();
  const open: string[] = [];
  const tags = /<(\/?)([^\s/>]+)((?:\s+[^\s=]+="[^"]*")*)\s*(\/?)>/g;
  for (const [, closing, tag, , selfClosing] of xml.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, "").matchAll(tags)) {
    if (closing) {
      open.pop();
      continue;
    }
    if (open.length) pairs.add(`${open.at(-1)}>${tag}`);
    if (!selfClosing) open.push(tag!);
  }
  return pairs;
}

const TRICKY = `a & b < c > d " e ' f \t g \n h \r i ü 😀 &amp; ]]> ; end`;

/** The corpus: every verb and noun at least once, with the escaping cases. */
const CORPUS: [string, string, (r: AnyNode) => void][] = [
  [
    "VoiceResponse",
    "say, with SSML nested",
    (r) => {
      const say = r.say!({ voice: "Polly.Joanna-Neural", language: "en-US", loop: 2 }, "Hello, ");
      say.break!({ strength: "x-weak", time: "100ms" });
      say.emphasis!({ level: "strong" }, "really").sayAs!({ "interpret-as": "spell-out" }, "abc");
      const prosody = say.prosody!({ pitch: "+5%", rate: "slow", volume: "loud" }, "slow & low");
      prosody.lang!({ "xml:lang": "fr-FR" }, "Bonjour").phoneme!({ alphabet: "ipa", ph: "təmei̥ɾou̥" }, "tomato");
      prosody.p!("a paragraph").s!("a sentence").w!({ role: "amazon:VB" }, "read").sub!(
        { alias: "World Wide Web" },
        "WWW",
      );
      say.sayAs!({ "interpret-as": "date", format: "dmy" }, "01-02-2026");
      say.addText(" tail");
    },
  ],
  [
    "VoiceResponse",
    "play, pause, gather with say/play/pause",
    (r) => {
      r.play!({ loop: 0, digits: "wwww3" });
      r.play!("https://example.com/a.mp3?x=1&y=<2>");
      r.pause!({ length: 3 });
      const gather = r.gather!({
        input: ["dtmf", "speech"],
        action: "/g?a=1&b=2",
        numDigits: 4,
        finishOnKey: "#",
        timeout: 5,
        bargeIn: false,
        actionOnEmptyResult: true,
        hints: "one, two",
        speechTimeout: "auto",
        language: "en-GB",
        partialResultCallback: "/p",
        profanityFilter: true,
        debug: false,
        enhanced: true,
        speechModel: "phone_call",
        maxSpeechTime: 60,
        method: "POST",
      });
      gather.say!("Press 1").break!({});
      gather.play!("https://example.com/b.mp3");
      gather.pause!({});
    },
  ],
  [
    "VoiceResponse",
    "dial with every noun",
    (r) => {
      const dial = r.dial!({
        callerId: "+15550001111",
        record: "record-from-answer-dual",
        recordingStatusCallbackEvent: ["in-progress", "completed"],
        timeout: 30,
        answerOnBridge: true,
        hangupOnStar: false,
        ringTone: "us",
        trim: "do-not-trim",
        sequential: true,
        events: "call-progress-event",
      });
      dial.number!(
        { sendDigits: "ww1", statusCallbackEvent: ["initiated", "answered"], url: "/whisper" },
        "+15550002222",
      );
      const client = dial.client!({ statusCallback: "/s" });
      client.identity!("alice");
      client.parameter!({ name: "k", value: "v&v" });
      dial.conference!(
        { beep: "onEnter", startConferenceOnEnter: true, record: "record-from-start", region: "ie1" },
        "Room & Board",
      );
      dial.queue!({ url: "/about", reservationSid: "WR1" }, "support");
      dial.sim!("DE123");
      const sip = dial.sip!(
        { username: "u", password: 'p"w', statusCallbackEvent: ["ringing"] },
        "sip:a@b.com;transport=tls",
      );
      sip.headers!().header!({ name: "X-A", value: "1" });
      sip.uri!({ priority: 1, weight: 10 }, "sip:c@d.com");
      const application = dial.application!({ customerId: "c", copyParentTo: true });
      application.applicationSid!("AP123");
      application.parameter!({ name: "p", value: "1" });
      dial.whatsApp!({ statusCallbackEvent: ["completed"] }, "+15550003333");
    },
  ],
  [
    "VoiceResponse",
    "connect with every noun",
    (r) => {
      const connect = r.connect!({ action: "/after", method: "GET" });
      connect.room!({ participantIdentity: "bob" }, "DailyStandup");
      connect.autopilot!("UA123");
      const stream = connect.stream!({ url: "wss://x/y", track: "both_tracks", name: "s" });
      stream.parameter!({ name: "a", value: "b" });
      const agent = connect.virtualAgent!({ connectorName: "c", language: "en-US", sentimentAnalysis: true });
      agent.config!({ name: "k", value: "v" });
      agent.parameter!({ name: "p", value: "q" });
      connect.conversation!({ serviceInstanceSid: "IS1", record: "true", statusCallbackEvent: ["call-initiated"] });
      const relay = connect.conversationRelay!({ url: "wss://r", welcomeGreeting: "Hi <there>", dtmfDetection: true });
      relay.language!({ code: "en-US", ttsProvider: "google" });
      relay.parameter!({ name: "x", value: "y" });
      connect.conversationRelaySession!({ connector: "c", sessionConfiguration: "s" });
      connect.aiSession!({ aiConnector: "a", aiSessionConfiguration: "b" });
    },
  ],
  [
    "VoiceResponse",
    "start and stop with every noun",
    (r) => {
      const start = r.start!({ action: "/a" });
      start.stream!({ url: "wss://s" }).parameter!({ name: "a", value: "1" });
      start.siprec!({ connectorName: "SREC" }).parameter!({ name: "b", value: "2" });
      const transcription = start.transcription!({
        statusCallbackUrl: "/t",
        partialResults: true,
        track: "inbound_track",
      });
      transcription.config!({ name: "c", value: "3" });
      transcription.parameter!({ name: "d", value: "4" });
      start.recording!({ recordingStatusCallbackEvent: ["absent"], channels: "dual", trim: "trim-silence" });
      start.mediaFilter!({ filterType: "noise", track: "both_tracks" }).parameter!({ name: "e", value: "5" });
      const stop = r.stop!();
      stop.stream!({ name: "s" });
      stop.siprec!({ name: "r" });
      stop.transcription!({ name: "t" });
      stop.mediaFilter!({ name: "m" });
    },
  ],
  [
    "VoiceResponse",
    "pay, prompt, refer, enqueue, the rest of the verbs",
    (r) => {
      const pay = r.pay!({ chargeAmount: "10.00", validCardTypes: ["visa", "amex"], securityCode: true, timeout: 5 });
      pay.parameter!({ name: "a", value: "b" });
      const prompt = pay.prompt!({
        for: "payment-card-number",
        attempt: [1, 2],
        errorType: ["timeout", "invalid-card-number"],
      });
      prompt.say!("Card number?");
      prompt.play!("https://example.com/c.mp3");
      prompt.pause!({ length: 1 });
      r.prompt!({ cardType: ["visa"], requireMatchingInputs: false });
      r.refer!({ action: "/r" }).sip!("sip:refer@x.com");
      r.enqueue!({ workflowSid: "WW1", waitUrl: "/wait" }, "").task!(
        { priority: 5, timeout: 200 },
        '{"selected_language":"es"}',
      );
      r.enqueue!("support");
      r.queue!({ url: "/q" }, "name");
      r.record!({
        maxLength: 20,
        playBeep: true,
        recordingStatusCallbackEvent: ["completed", "absent"],
        transcribe: false,
      });
      r.redirect!({ method: "POST" }, "/next?x=1&y=2");
      r.reject!({ reason: "busy" }).parameter!({ name: "n", value: "v" });
      r.sms!({ to: "+1", from: "+2", statusCallback: "/s" }, "Text & more");
      r.echo!();
      r.leave!();
      r.hangup!().parameter!({ name: "why", value: "done" });
    },
  ],
  [
    "VoiceResponse",
    "escaping in text, attributes and comments",
    (r) => {
      r.say!({ voice: TRICKY, language: "" }, TRICKY);
      r.say!("");
      r.play!({ loop: 1.5, digits: "0" }, "\r\n\t");
      r.pause!({ length: Number.NaN });
      r.dial!({ timeout: -0, answerOnBridge: false, record: undefined, callerId: null as never }, "0");
      r.addText(TRICKY);
      r.addText("");
      r.comment!("a comment with <tags> & ampersands");
      r.commentBefore!("before 1");
      r.commentBefore!("before 2");
      r.commentAfter!("after 1");
      r.commentAfter!("after 2");
    },
  ],
  [
    "VoiceResponse",
    "arrays, numbers, booleans, null and undefined attributes",
    (r) => {
      r.gather!({ input: [], hints: "", numDigits: 0, bargeIn: true, language: null as never, action: undefined });
      r.record!({ recordingStatusCallbackEvent: ["in-progress"], timeout: 1e21, maxLength: 0.1 });
      r.pay!({ validCardTypes: ["visa", null, "amex", undefined] as never, minPostalCodeLength: -1 });
    },
  ],
  [
    "VoiceResponse",
    "elements left out, strings and primitives as text, addChild",
    (r) => {
      r.say!(null);
      r.say!({}, null as never);
      r.gather!("text of a verb without text");
      r.say!(42 as never);
      r.say!(false as never);
      r.say!(undefined, "undefined attributes");
      r.say!(null, "null attributes");
      const custom = r.addChild("Custom", { attr: "x&y", list: ["a", "b"], none: null });
      custom.addChild("Inner", "text as second argument").addText(" more");
      custom.addChild("ns:Tag").addChild("Empty", {});
      r.addChild("Left", null).addText("left out");
      r.dial!().number!("+1").addChild("Extra", { a: 1 }).addText("x");
    },
  ],
  [
    "MessagingResponse",
    "message with body and media, redirect",
    (r) => {
      const message = r.message!({
        to: "+15550001111",
        from: "+15550002222",
        action: "/a",
        method: "POST",
        statusCallback: "/s",
      });
      message.body!("Hello & <welcome>\r\n");
      message.media!("https://example.com/a.jpg?x=1&y=2");
      message.media!({}, "https://example.com/b.jpg");
      r.message!("Plain message");
      r.message!({ to: "+1" }, "");
      r.redirect!({ method: "GET" }, "/next");
      r.redirect!("/again");
      r.comment!("c");
      r.commentBefore!("b");
      r.commentAfter!("a");
      r.addChild("Custom", { x: true }).addText(TRICKY);
    },
  ],
  ["MessagingResponse", "empty", () => {}],
  [
    "FaxResponse",
    "receive",
    (r) => {
      r.receive!({ action: "/fax", method: "POST", mediaType: "application/pdf", pageSize: "a4", storeMedia: false });
      r.receive!();
      r.comment!("fax");
    },
  ],
  ["FaxResponse", "empty", () => {}],
  ["VoiceResponse", "text XML 1.0 does not allow throws in both", (r) => void r.say!("a\u0001b")],
  ["VoiceResponse", "a lone surrogate in text throws in both", (r) => void r.say!("a\ud800b")],
  ["VoiceResponse", "a comment with -- throws in both", (r) => void r.comment!("a--b")],
  [
    "VoiceResponse",
    "an attribute name XML does not allow throws in both",
    (r) => void r.say!({ "a b": 1 } as never, "x"),
  ],
  ["VoiceResponse", "an element name XML does not allow throws in both", (r) => void r.addChild("1abc")],
  ["VoiceResponse", "addText(null) throws in both", (r) => void r.addText(null as never)],
  [
    "VoiceResponse",
    "attribute values are written as given, even characters XML does not allow",
    (r) => {
      r.say!({ voice: "\u0001\ud800" }, "x");
      r.addChild("X", { "a b": null });
    },
  ],
];

describe("toString() is twilio-node's, byte for byte", () => {
  it.each(CORPUS)("%s: %s", (response, name, build) => {
    const { ours: mine, theirs: reference } = sameXml(response, build);
    expect(mine).toBe(reference);
    expect(reference.startsWith("throws")).toBe(name.includes("throws"));
  });

  it.each(RESPONSES)("the corpus uses every %s element at least once", (response, table) => {
    const pairs = new Set<string>();
    for (const [, , build] of CORPUS.filter(([r]) => r === response)) {
      for (const pair of tagPairs(sameXml(response, build).theirs)) pairs.add(pair);
    }
    const unused = Object.keys(table).filter(
      (key) =>
        key !== "Response" &&
        !Object.values(table).some((parent) =>
          Object.values(parent.children ?? {}).some(
            (child) => child === key && pairs.has(`${parent.tag}>${factsOf(table, key).tag}`),
          ),
        ),
    );
    expect(unused).toEqual([]);
  });

  it("throws where twilio-node throws, with an error that says why", () => {
    expect(() => new twiml.VoiceResponse().say("a\u0001b")).toThrow("U+0001 at index 1");
    expect(() => new twiml.VoiceResponse().comment("a--b")).toThrow('cannot contain "--"');
    expect(() => new twiml.VoiceResponse().addChild("a b")).toThrow('"a b" is no XML name');
  });

  it("writes the whole document from any element, as twilio-node does", () => {
    const response = new twiml.VoiceResponse();
    const number = response.dial({ callerId: "+1" }).number("+2");
    expect(number.toString()).toBe(response.toString());
    expect(`${number}`).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Dial callerId="+1"><Number>+2</Number></Dial></Response>',
    );
  });
});

describe("generated trees against twilio-node", () => {
  const text = fc.oneof(
    fc.string({
      unit: fc.constantFrom(
        "a",
        "Z",
        "&",
        "<",
        ">",
        '"',
        "'",
        "\t",
        "\n",
        "\r",
        " ",
        ";",
        "-",
        "é",
        "😀",
        "\u0001",
        "]]>",
        "&amp;",
      ),
    }),
    fc.string({ unit: "grapheme", maxLength: 6 }),
  );
  const value = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.array(fc.oneof(text, fc.integer(), fc.boolean()), { maxLength: 3 }),
  );
  const step = fc.record({
    at: fc.nat(),
    op: fc.nat(99),
    pick: fc.nat(),
    form: fc.nat(7),
    attributes: fc.array(fc.tuple(fc.nat(), value), { maxLength: 4 }),
    text,
  });
  type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
  const program = fc.record({
    response: fc.constantFrom(...RESPONSES.map(([name]) => name)),
    steps: fc.array(step, { maxLength: 30 }),
  });

  /** Runs `steps` on a response of one SDK; every choice is taken from the steps, so both SDKs do the same. */
  function run(response: string, steps: readonly Step[], r: AnyNode): void {
    const table = RESPONSES.find(([name]) => name === response)![1] as TwiMLTable;
    const nodes: [AnyNode, string | undefined][] = [[r, "Response"]];
    for (const { at, op, pick, form, attributes, text: words } of steps) {
      const [node, key] = nodes[at % nodes.length]!;
      const children = Object.entries(key ? (factsOf(table, key).children ?? {}) : {});
      if (op < 75 && children.length) {
        const [method, child] = children[pick % children.length]!;
        const names = [...Object.keys(factsOf(table, child).attrs ?? {}), "data-x", "a b"];
        const attrs = Object.fromEntries(attributes.map(([name, v]) => [names[name % names.length]!, v]));
        const args = [[attrs], [words], [attrs, words], [], [null], [attrs, null], [pick], [undefined, words]][form]!;
        nodes.push([node[method]!(...args), child]);
      } else if (op < 85) {
        node.addText!(words);
      } else if (op < 93) {
        const attrs = Object.fromEntries(attributes.map(([name, v]) => [`x${name % 3}`, v]));
        nodes.push([node.addChild!(["Custom", "ns:x", "Say"][pick % 3], form === 0 ? words : attrs), undefined]);
      } else {
        r[["comment", "commentBefore", "commentAfter"][op % 3]!]!(words);
      }
    }
  }

  it("write what twilio-node writes, or throw where it throws (1,000 generated programs)", () => {
    fc.assert(
      fc.property(program, ({ response, steps }) => {
        const { ours: mine, theirs: reference } = sameXml(response, (r) => run(response, steps, r));
        expect(mine).toBe(reference);
      }),
      { seed: 21, numRuns: 1000 },
    );
  });
});

describe("types", () => {
  const work = mkdtempSync(join(tmpdir(), "twiml-types-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const PROBE = [
    // The module the SDK's root exports as `twiml` (the whole SDK would be a slow program to check).
    `import * as twiml from ${JSON.stringify(join(REPO_ROOT, "generated", "runtime", "twiml.js"))};`,
    "const voice = new twiml.VoiceResponse();",
    'voice.say({ voice: "alice", loop: 2 }, "Hello");',
    'voice.say("Hello").sayAs({ "interpret-as": "spell-out" }, "abc").addText("!");',
    'const dial = voice.dial({ callerId: "+15550001111", timeout: 30, answerOnBridge: true, record: null });',
    'dial.number("+15550002222").addChild("Custom", { a: 1, b: ["x", 2] });',
    'voice.gather({ input: ["dtmf", "speech"], numDigits: 4 }).say("Press 1");',
    'voice.pay({ validCardTypes: ["visa"] }).prompt({ attempt: [1, 2] }).say("Card?");',
    'voice.comment("c").commentAfter("a").hangup();',
    'const message = new twiml.MessagingResponse().message({ to: "+1" }, "Hi");',
    'message.media("https://example.com/a.jpg");',
    "new twiml.FaxResponse().receive({ storeMedia: true });",
    "const xml: string = voice.toString();",
    'const dialElement: twiml.VoiceElement<"Dial"> = dial;',
    'const sayAttributes: twiml.VoiceAttributes<"Say"> = { voice: "Polly.Joanna" };',
    "export { xml, dialElement, sayAttributes };",
  ];
  /** Lines that must not compile, each with what the compiler must say. */
  const WRONG: [string, string][] = [
    ['voice.say({ voyce: "alice" }, "Hello");', "voyce"],
    ['dial.say("not a child of Dial");', "Property 'say' does not exist"],
    ['voice.dial({ timeout: "30s" });', "not assignable to type 'number'"],
    ['voice.hangup({ reason: "busy" });', "not assignable"],
    ['new twiml.MessagingResponse().dial("+1");', "Property 'dial' does not exist"],
    ["new twiml.FaxResponse().receive({ pageSize: 4 });", "not assignable to type 'string'"],
  ];

  function check(source: string): string[] {
    const file = join(work, `probe${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map(
        (d) =>
          `${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      );
  }

  it("a strict program compiles, and a misspelt attribute or a child its parent lacks does not", () => {
    const withDirectives = [...PROBE, ...WRONG.flatMap(([line]) => ["// @ts-expect-error", line])].join("\n");
    expect(check(withDirectives)).toEqual([]);
    const without = check([...PROBE, ...WRONG.map(([line]) => line)].join("\n"));
    expect(without.map((d) => Number(d.split(":")[0]))).toEqual(WRONG.map((_, index) => PROBE.length + index + 1));
    WRONG.forEach(([, message], index) => expect(without[index]).toContain(message));
  }, 120_000);
});
