// textformat.js — values in protobuf text format, as the server shows conflicting and changed
// fields ("\"Trần Thị Bình\"", 42, SEX_MALE, "year: 1980 month: 3 day: 14"): parsed into plain
// values and described in words; and a reviewer's typed value turned into text format.

// Tokens: strings (escapes decoded as UTF-8 bytes), identifiers, numbers, punctuation.
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c) || c === ",") {
      i += 1;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i += 1;
    } else if (c === '"' || c === "'") {
      const [value, next] = readString(text, i);
      tokens.push({ kind: "string", value });
      i = next;
    } else if ("{}<>:[]".includes(c)) {
      tokens.push({ kind: "punct", value: c });
      i += 1;
    } else {
      const m = /^[-+]?[A-Za-z0-9_.]+(?:[eE][-+]?\d+)?/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected ${c}`);
      const word = m[0];
      tokens.push({ kind: /^[-+]?(\d|\.\d)/.test(word) ? "number" : "ident", value: word });
      i += word.length;
    }
  }
  return tokens;
}

const SIMPLE_ESCAPES = {
  n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, "\\": 92, "'": 39, '"': 34, "?": 63,
};

function readString(text, start) {
  const quote = text[start];
  const bytes = [];
  const encoder = new TextEncoder();
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === "\\") {
      const e = text[i + 1];
      if (e in SIMPLE_ESCAPES) {
        bytes.push(SIMPLE_ESCAPES[e]);
        i += 2;
      } else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(text.slice(i + 1));
        bytes.push(parseInt(m[0], 8) & 255);
        i += 1 + m[0].length;
      } else if (e === "x") {
        const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2));
        bytes.push(parseInt(m ? m[0] : "0", 16));
        i += 2 + (m ? m[0].length : 0);
      } else {
        bytes.push(...encoder.encode(e || ""));
        i += 2;
      }
    } else {
      const cp = text.codePointAt(i);
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  if (i >= text.length) throw new Error("unterminated string");
  return [new TextDecoder().decode(new Uint8Array(bytes)), i + 1];
}

// A scalar token's value: strings as strings, true/false as booleans, numbers as their text
// (64-bit values stay exact), enum names as strings.
function scalar(tokens, pos) {
  const token = tokens[pos];
  if (!token) throw new Error("missing value");
  if (token.kind === "string") {
    // Adjacent strings concatenate.
    let value = token.value;
    let next = pos + 1;
    while (tokens[next] && tokens[next].kind === "string") value += tokens[next++].value;
    return [value, next];
  }
  if (token.kind === "ident" && (token.value === "true" || token.value === "false")) {
    return [token.value === "true", pos + 1];
  }
  if (token.kind === "ident" || token.kind === "number") return [token.value, pos + 1];
  throw new Error(`unexpected ${token.value}`);
}

// Fields until `close` (or the end): {name: value or [values] when repeated}.
function fields(tokens, pos, close) {
  const out = {};
  while (pos < tokens.length && !(tokens[pos].kind === "punct" && tokens[pos].value === close)) {
    const name = tokens[pos];
    if (name.kind !== "ident") throw new Error(`expected a field name, not ${name.value}`);
    pos += 1;
    if (tokens[pos] && tokens[pos].value === ":") pos += 1;
    let value;
    const open = tokens[pos] && tokens[pos].kind === "punct" ? tokens[pos].value : "";
    if (open === "{" || open === "<") {
      [value, pos] = fields(tokens, pos + 1, open === "{" ? "}" : ">");
      pos += 1;
    } else if (open === "[") {
      value = [];
      pos += 1;
      while (tokens[pos] && tokens[pos].value !== "]") {
        let item;
        if (tokens[pos].value === "{") {
          [item, pos] = fields(tokens, pos + 1, "}");
          pos += 1;
        } else {
          [item, pos] = scalar(tokens, pos);
        }
        value.push(item);
      }
      pos += 1;
    } else {
      [value, pos] = scalar(tokens, pos);
    }
    if (name.value in out) {
      out[name.value] = [].concat(out[name.value], value);
    } else {
      out[name.value] = value;
    }
  }
  return [out, pos];
}

// Parses a value as the server prints it: a scalar, or a message's fields. Returns
// {scalar: value} or {message: {...}}; throws on text it cannot read.
export function parseText(text) {
  const tokens = tokenize(text || "");
  if (tokens.length === 0) return { message: {} };
  const first = tokens[0];
  const second = tokens[1];
  const isField = first.kind === "ident" && second && second.kind === "punct" &&
    (second.value === ":" || second.value === "{" || second.value === "<");
  if (!isField) {
    const [value, next] = scalar(tokens, 0);
    if (next !== tokens.length) throw new Error("trailing text");
    return { scalar: value };
  }
  const [message, next] = fields(tokens, 0, null);
  if (next !== tokens.length) throw new Error("trailing text");
  return { message };
}

// A string as a text-format string literal: double quotes, \ and " escaped, line breaks and tabs
// as \n \r \t, UTF-8 kept as it is.
export function quote(text) {
  return `"${String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"')
    .replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}
