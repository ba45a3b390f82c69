/**
 * TwiML under twilio-node's names: `new twiml.VoiceResponse()`, `MessagingResponse` and `FaxResponse`,
 * with twilio-node's methods (`r.say({ voice: "alice" }, "Hello")`, `r.dial().number("+1...")`,
 * `addText`, `addChild`, `comment`), and a `toString()` byte for byte twilio-node's: its XML
 * declaration, escaping, self-closed empty elements, arrays joined by spaces, null attributes left out.
 * The elements come from the tables in twimlFacts.ts; each element's class is made on first use.
 */
import {
  FAX,
  MESSAGING,
  VOICE,
  type TwiMLAttributeType,
  type TwiMLElementFacts,
  type TwiMLTable,
} from "./twimlFacts.js";

type ValueOf<T extends TwiMLAttributeType> = T extends "string"
  ? string
  : T extends "number"
    ? number
    : T extends "boolean"
      ? boolean
      : T extends "string[]"
        ? readonly string[]
        : readonly number[];

/** Element `K`'s attributes, each optional; null and undefined ones are left out of the XML. */
export type TwiMLAttributes<T extends TwiMLTable, K extends keyof T> = T[K] extends {
  readonly attrs: infer A extends { readonly [name: string]: TwiMLAttributeType };
}
  ? { -readonly [N in keyof A]?: ValueOf<A[N]> | null | undefined }
  : { readonly [name: string]: never };

/** An attribute value of an element added with `addChild`: arrays are joined by spaces. */
export type TwiMLAttributeValue = string | number | boolean | readonly (string | number | boolean)[] | null | undefined;

/** What every element has, as in twilio-node's TwiML base class. */
export interface TwiMLElement {
  /** Adds text (escaped) after the element's present content. */
  addText(text: string): this;
  /** Adds an element of any tag, e.g. one newer than this SDK. */
  addChild(tagName: string, attributes?: { readonly [name: string]: TwiMLAttributeValue } | null): TwiMLElement;
  /** The whole document, as twilio-node writes it, whichever of its elements is asked. */
  toString(): string;
}

type ChildMethod<T extends TwiMLTable, K extends keyof T> = T[K] extends { readonly text: true }
  ? {
      (text?: string): TwiMLNode<T, K>;
      (attributes?: TwiMLAttributes<T, K> | null, text?: string): TwiMLNode<T, K>;
    }
  : (attributes?: TwiMLAttributes<T, K> | null) => TwiMLNode<T, K>;

/** Element `K` of table `T`: one method per child it may have, named as in twilio-node. */
export type TwiMLNode<T extends TwiMLTable, K extends keyof T> = TwiMLElement &
  (T[K] extends { readonly children: infer C extends { readonly [method: string]: string } }
    ? { [M in keyof C]: ChildMethod<T, Extract<C[M], keyof T>> }
    : unknown);

/** A response: its root element, plus XML comments in, before and after it. */
export type TwiMLResponse<T extends TwiMLTable> = TwiMLNode<T, "Response"> & {
  comment(text: string): TwiMLResponse<T>;
  commentBefore(text: string): TwiMLResponse<T>;
  commentAfter(text: string): TwiMLResponse<T>;
};

/** An element as written: `<tag attributes`, then its children (elements or written markup). */
interface XmlElement {
  readonly tag: string;
  readonly open: string;
  readonly children: (XmlElement | string)[];
}

/** The root element and the comments around it. */
interface XmlDocument {
  readonly before: string[];
  readonly root: XmlElement;
  readonly after: string[];
}

type NodeClass = new (element: XmlElement, document: XmlDocument) => BuiltElement;

let classOf: (table: TwiMLTable, key: string) => NodeClass;
let responseClass: (table: TwiMLTable, name: string) => new () => TwiMLElement;

/** The one base of every element; its state is private, and only this file's code reaches it. */
class BuiltElement implements TwiMLElement {
  readonly #element: XmlElement;
  readonly #document: XmlDocument;

  constructor(element: XmlElement, document: XmlDocument) {
    this.#element = element;
    this.#document = document;
  }

  addText(text: string): this {
    if (text == null) throw new TypeError("addText needs a string: the text to add");
    this.#element.children.push(textMarkup(text));
    return this;
  }

  addChild(tagName: string, attributes?: { readonly [name: string]: TwiMLAttributeValue } | null): TwiMLElement {
    return this.#add(xmlName(tagName, "element"), BuiltElement, attributes, undefined);
  }

  toString(): string {
    const { before, root, after } = this.#document;
    return DECLARATION + before.join("") + elementMarkup(root) + after.join("");
  }

  /**
   * Adds a child as twilio-node does: a string (or other primitive) first argument is the text; an
   * element whose attributes or text is `null` is left out of the document, unchecked, and what is
   * added to it is left out too.
   */
  #add(tag: string, kind: NodeClass, first: unknown, second: unknown): TwiMLElement {
    const primitive = first != null && typeof first !== "object" && typeof first !== "function";
    const text = primitive ? first : second;
    if (text === null || (first === null && second == null)) {
      return new kind({ tag, open: "", children: [] }, this.#document);
    }
    const element: XmlElement = { tag, open: openTag(tag, primitive ? undefined : (first as object)), children: [] };
    if (text !== undefined) element.children.push(textMarkup(text));
    this.#element.children.push(element);
    return new kind(element, this.#document);
  }

  static {
    const classes = new Map<TwiMLTable, Map<string, NodeClass>>();
    classOf = (table, key) => {
      const known = classes.get(table) ?? new Map<string, NodeClass>();
      classes.set(table, known);
      let made = known.get(key);
      if (made === undefined) {
        made = elementClass(table, key, table[key] as TwiMLElementFacts);
        known.set(key, made);
      }
      return made;
    };
    const elementClass = (table: TwiMLTable, key: string, facts: TwiMLElementFacts): NodeClass => {
      const made = class extends BuiltElement {};
      Object.defineProperty(made, "name", { value: key });
      for (const [method, child] of Object.entries(facts.children ?? {})) {
        const { tag, text } = table[child] as TwiMLElementFacts;
        const add = function (this: BuiltElement, first?: unknown, second?: unknown): TwiMLElement {
          return this.#add(tag, classOf(table, child), first, text === true ? second : undefined);
        };
        Object.defineProperty(add, "name", { value: method });
        Object.defineProperty(made.prototype, method, { value: add, writable: true, configurable: true });
      }
      return made;
    };
    responseClass = (table, name) => {
      const made = class extends classOf(table, "Response") {
        constructor() {
          const root: XmlElement = { tag: "Response", open: "<Response", children: [] };
          super(root, { before: [], root, after: [] });
        }
        comment(text: string): this {
          this.#element.children.push(commentMarkup(text));
          return this;
        }
        commentBefore(text: string): this {
          this.#document.before.push(commentMarkup(text));
          return this;
        }
        /** Each comment goes right after the root, so before the ones already there, as in twilio-node. */
        commentAfter(text: string): this {
          this.#document.after.unshift(commentMarkup(text));
          return this;
        }
      };
      Object.defineProperty(made, "name", { value: name });
      return made;
    };
  }
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The document's markup from `root` down, without recursion, so any depth is written. */
function elementMarkup(root: XmlElement): string {
  let out = "";
  const pending: (XmlElement | string)[] = [root];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item === "string") {
      out += item;
    } else if (item.children.every((child) => child === "")) {
      out += item.open + "/>";
    } else {
      out += item.open + ">";
      pending.push(`</${item.tag}>`);
      for (let index = item.children.length - 1; index >= 0; index--) pending.push(item.children[index]!);
    }
  }
  return out;
}

function openTag(tag: string, attributes: object | null | undefined): string {
  let open = "<" + tag;
  if (attributes == null) return open;
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null) continue;
    const written = Array.isArray(value) ? value.join(" ") : "" + value;
    open += ` ${xmlName(name, "attribute")}="${written.replace(/[&<"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!)}"`;
  }
  return open;
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#xD;" };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  '"': "&quot;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};

function textMarkup(text: unknown): string {
  return xmlChars(
    ("" + text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!),
    "text",
  );
}

function commentMarkup(text: unknown): string {
  if (text == null) throw new TypeError("A TwiML comment needs a string: the comment's text");
  const written = "" + text;
  if (written.includes("--"))
    throw new Error(`A TwiML comment cannot contain "--" (XML 1.0): ${JSON.stringify(written)}`);
  return `<!-- ${xmlChars(written, "comment")} -->`;
}

/** XML 1.0's Char production: what it leaves out (controls, lone surrogates, U+FFFE, U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/u;

function xmlChars(written: string, what: string): string {
  const found = NOT_XML_CHAR.exec(written);
  if (found === null) return written;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  throw new Error(`TwiML ${what} has U+${code} at index ${found.index}, a character XML 1.0 does not allow`);
}

/** XML 1.0's Name production. */
const NAME_START =
  ":A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}";
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}\\u{2040}]*$`, "u");

function xmlName(name: unknown, what: string): string {
  const written = "" + name;
  if (XML_NAME.test(written)) return written;
  throw new Error(`${JSON.stringify(written)} is no XML name, so it cannot be a TwiML ${what} name`);
}

/** `<Response>` TwiML for voice calls. */
export type VoiceResponse = TwiMLResponse<typeof VOICE>;
export const VoiceResponse = responseClass(VOICE, "VoiceResponse") as new () => VoiceResponse;
/** `<Response>` TwiML for messages. */
export type MessagingResponse = TwiMLResponse<typeof MESSAGING>;
export const MessagingResponse = responseClass(MESSAGING, "MessagingResponse") as new () => MessagingResponse;
/** `<Response>` TwiML for faxes. */
export type FaxResponse = TwiMLResponse<typeof FAX>;
export const FaxResponse = responseClass(FAX, "FaxResponse") as new () => FaxResponse;

/** An element of a voice response, by twilio-node's class name: `VoiceElement<"Dial">`. */
export type VoiceElement<K extends keyof typeof VOICE> = TwiMLNode<typeof VOICE, K>;
/** The attributes of a voice element: `VoiceAttributes<"Say">`. */
export type VoiceAttributes<K extends keyof typeof VOICE> = TwiMLAttributes<typeof VOICE, K>;
export type MessagingElement<K extends keyof typeof MESSAGING> = TwiMLNode<typeof MESSAGING, K>;
export type MessagingAttributes<K extends keyof typeof MESSAGING> = TwiMLAttributes<typeof MESSAGING, K>;
export type FaxElement<K extends keyof typeof FAX> = TwiMLNode<typeof FAX, K>;
export type FaxAttributes<K extends keyof typeof FAX> = TwiMLAttributes<typeof FAX, K>;
