#!/usr/bin/env node
// A second client of the trm-intent model directory (model.onnx + window.onnx + tokenizer.json +
// trm_intent.json).
//
//   node classify.mjs MODEL_DIR [--batch] [--command-threshold P] [--halt-threshold P] < records.jsonl
//
// Reads one JSON record a line ({"transcript": str, "context": {app_name, bundle_id, window_title}}),
// writes one JSON result a line: as each line arrives, or with --batch once stdin ends (the
// records run together as IntentClassifier.classify_batch runs them), segments included. It
// re-implements the step contract of src/trm_intent/contract.py (format_version 4, see README.md)
// with nothing but the four files of the directory.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import ort from 'onnxruntime-node';
import tokenizers from 'tokenizers';

export const FORMAT_VERSION = 4;
export const WINDOW_INPUTS = ['window_ids', 'window_mask'];
export const WINDOW_OUTPUTS = ['context'];
export const STEP_INPUTS = ['input_ids', 'context', 'attention_mask', 'y', 'z'];
export const STEP_OUTPUTS = ['probs', 'halt', 'token_probs', 'y_out', 'z_out'];
export const LABELS = ['command', 'dictation'];
export const APP_FIELD_CHARS = 256; // code points of app_name / bundle_id read
export const TITLE_CHARS = 512; // code points of window_title read
export const BATCH_ROWS = 64; // classifyBatch runs rows of similar length together, this many at a time
const WINDOW_CACHE = 256; // windows (ids and context) kept (cleared when full)

// Code points for which Python's str.isspace() is true: what Python's str.strip() removes.
// Generated once with Python 3.11: [hex(c) for c in range(0x110000) if chr(c).isspace()].
// JS String.prototype.trim() differs: it strips U+FEFF and keeps U+001C..U+001F and U+0085.
export const PY_STRIP = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
].map((c) => String.fromCodePoint(c)));

export class ContractError extends Error {}

/** The end, in UTF-16 units, of the first `n` code points of `s` (Python's len(s[:n]) in units).
 * A surrogate pair is one code point, a lone surrogate one too (as Python's and Array.from's). */
export function headEnd(s, n) {
  if (s.length <= n) return s.length;
  let unit = 0;
  for (let cp = 0; cp < n && unit < s.length; cp++) {
    const c = s.charCodeAt(unit);
    const pair = c >= 0xd800 && c <= 0xdbff && unit + 1 < s.length
      && s.charCodeAt(unit + 1) >= 0xdc00 && s.charCodeAt(unit + 1) <= 0xdfff;
    unit += pair ? 2 : 1;
  }
  return unit;
}

/** The first `n` code points of `s` (Python's s[:n]), not UTF-16 units; reads no further. */
export function head(s, n) {
  return s.length <= n ? s : s.slice(0, headEnd(s, n));
}

/** The code points of `s` up to UTF-16 unit `end` (Python's len() of that part). */
export function codePoints(s, end = s.length) {
  let n = end;
  for (let unit = 0; unit + 1 < end; unit++) {
    const c = s.charCodeAt(unit);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(unit + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        unit++;
      }
    }
  }
  return n;
}

/** The UTF-16 end of `s.rstrip()` (Python's, PY_STRIP); every PY_STRIP character is one unit. */
export function rstripEnd(s) {
  let end = s.length;
  while (end > 0 && PY_STRIP.has(s[end - 1])) end--;
  return end;
}

/** `s` without the leading and trailing code points of `set` (Python's s.strip() for PY_STRIP). */
export function strip(s, set) {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && set.has(cps[a])) a++;
  while (b > a && set.has(cps[b - 1])) b--;
  return a === 0 && b === cps.length ? s : cps.slice(a, b).join('');
}

/** Rule 1a: the window as the Python WindowContext holds it (stripped; missing -> unknown / ""). */
export function windowOf(context) {
  if (context === undefined || context === null) context = {};
  if (typeof context !== 'object' || Array.isArray(context)) throw new TypeError('context must be an object or null');
  const field = (name, missing) => {
    const value = context[name];
    if (value === undefined || value === null) return missing;
    if (typeof value !== 'string') throw new TypeError(`context.${name} must be a string or null`);
    return strip(value, PY_STRIP);
  };
  return { app_name: field('app_name', 'unknown'), bundle_id: field('bundle_id', 'unknown'),
    window_title: field('window_title', '') };
}

/** Rule 1b: ContextRules.kind, the kind of app a window belongs to. */
export function contextKind(rules, win) {
  if (!rules.enabled) return 'unknown';
  const bundle = strip(head(win.bundle_id, APP_FIELD_CHARS), PY_STRIP).toLowerCase();
  const app = strip(head(win.app_name, APP_FIELD_CHARS), PY_STRIP).toLowerCase();
  let kind = rules.bundleIds.get(bundle) || rules.appNames.get(app); // Python's `a or b`
  if (kind === undefined) {
    const vague = (s) => s === '' || s === 'unknown';
    kind = vague(bundle) && vague(app) ? 'unknown' : 'other';
  }
  if (kind === 'browser' && win.window_title) {
    const title = head(win.window_title, TITLE_CHARS).toLowerCase();
    for (const [needle, titleKind] of rules.browserTitles) {
      if (title.includes(needle)) return titleKind;
    }
  }
  return kind;
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** `value` as a threshold in (0, 1], as the Python runtime checks it (`name` for the message). */
export function checkThreshold(value, name) {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${JSON.stringify(value)}`);
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${value}`);
  return value;
}

/**
 * (start, end) of each Python `str.split()` word of `text`, in code points (contract.word_spans:
 * runs of code points outside PY_STRIP, the set Python's `\s` and `str.isspace()` share), each
 * with the same offsets in UTF-16 units for slicing a JS string: [start, end, start16, end16].
 */
export function wordSpans(text) {
  const spans = [];
  let cp = 0;
  let start = -1;
  let start16 = 0;
  let unit = 0;
  for (const ch of text) {
    const space = PY_STRIP.has(ch);
    if (!space && start < 0) {
      start = cp;
      start16 = unit;
    } else if (space && start >= 0) {
      spans.push([start, cp, start16, unit]);
      start = -1;
    }
    cp++;
    unit += ch.length;
  }
  if (start >= 0) spans.push([start, cp, start16, unit]);
  return spans;
}

/**
 * contract.token_words: the word (index into `spans`, the words of `text`) of each token. `text`
 * is the transcript as tokenized (its first max_chars code points); `offsets` are the tokenizer's
 * [start, end), in code points of `text` (the `tokenizers` binding gives code points, as Python's
 * does; NFKC-changed characters map back to the original ones). A token of whitespace only
 * (Python's text[start:end].isspace(): not empty, every code point in PY_STRIP) is the next
 * word's leading space: min(last word, bisect_left(starts, end)). Any other token belongs to the
 * word holding its last character: max(0, bisect_right(starts, end - 1) - 1).
 */
export function tokenWords(text, spans, offsets) {
  const cps = Array.from(text);
  const last = Math.max(0, spans.length - 1);
  const starts = (limit, inclusive) => { // the number of word starts < limit (<= with `inclusive`)
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] < limit || (inclusive && spans[mid][0] === limit)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return offsets.map(([start, end]) => {
    let space = start < end && start < cps.length;
    for (let k = start; space && k < Math.min(end, cps.length); k++) space = PY_STRIP.has(cps[k]);
    return space ? Math.min(last, starts(end, false)) : Math.max(0, starts(end - 1, true) - 1);
  });
}

/**
 * contract.segments' whole span, the one span of an answer that is not cut: from the transcript's
 * first non-whitespace character (Python's len(t) - len(t.lstrip())) to the end of its last
 * (len(t.rstrip())), [start, end, start16, end16] (code points, then UTF-16 units); null when
 * `transcript.rstrip()` is empty (no segments). Every PY_STRIP character is one UTF-16 unit, so
 * the start is the same in both. Reads the transcript forwards only across its leading
 * whitespace; past that, only backwards from its end, and to count its code points.
 */
export function wholeSpan(transcript) {
  const end16 = rstripEnd(transcript);
  if (end16 === 0) return null;
  let start16 = 0;
  while (PY_STRIP.has(transcript[start16])) start16++; // stops before end16: a non-space is there
  return [start16, codePoints(transcript, end16), start16, end16];
}

/**
 * contract.segments' word spans, those a cut answer is cut along: the words of the transcript's
 * first `maxChars` code points (what the model read), the last running to the end of the whole
 * span (wholeSpan: the words after the cut join it); [] when there is no whole span. When the
 * first `maxChars` code points hold no word (after max_chars spaces), the whole span alone.
 * Each [start, end, start16, end16], as wordSpans'. `whole`: wholeSpan(transcript).
 */
export function segmentSpans(transcript, maxChars, whole = wholeSpan(transcript)) {
  if (whole === null) return [];
  const spans = wordSpans(head(transcript, maxChars));
  if (spans.length === 0) return [[...whole]];
  const lastSpan = spans[spans.length - 1];
  lastSpan[1] = whole[1];
  lastSpan[3] = whole[3];
  return spans;
}

/**
 * contract.segments: the transcript cut into command and dictation spans. `whole` is
 * wholeSpan(transcript) (null: no segments), `spans` segmentSpans(transcript, max_chars).
 * `words` and `tokenProbs` are aligned with the model's ids (context id first, word -1).
 * Dictation, or every token of the transcript on one side of 0.5 (then every word's mean is
 * too), is the whole span with the whole decision; else each word's P is the mean of its tokens'
 * (a word without tokens takes the previous word's; the words before the first word with tokens,
 * that word's), and runs of words of one label are spans, each as sure as its least sure word
 * (still the whole span when every word is on one side). Sums and means in float64, token order,
 * as Python's floats.
 */
export function segments(transcript, whole, spans, words, tokenProbs, intent, confidence) {
  if (whole === null) return [];
  const wholeAnswer = [{
    text: transcript.slice(whole[2], whole[3]), intent, confidence, start: whole[0], end: whole[1],
  }];
  if (intent !== 'command') return wholeAnswer;
  // The transcript's tokens (the context id left out): float32 values, compared as numpy does.
  const tokens = tokenProbs.length - 1;
  let above = 0;
  let below = 0; // not tokens - above: a NaN is neither, as in numpy's (tokens < 0.5).all()
  for (let t = 1; t <= tokens; t++) {
    above += tokenProbs[t] >= 0.5;
    below += tokenProbs[t] < 0.5;
  }
  if (above === tokens || below === tokens) return wholeAnswer; // no tokens too
  const span = (a, b, segIntent, segConfidence) => ({
    text: transcript.slice(spans[a][2], spans[b][3]), intent: segIntent, confidence: segConfidence,
    start: spans[a][0], end: spans[b][1],
  });
  const total = new Array(spans.length).fill(0);
  const count = new Array(spans.length).fill(0);
  const n = Math.min(words.length, tokenProbs.length); // Python's zip
  for (let t = 0; t < n; t++) {
    const word = words[t];
    if (word >= 0) {
      total[word] += tokenProbs[t];
      count[word] += 1;
    }
  }
  // A word without tokens takes the previous word's P; the words before the first word with
  // tokens, that word's (there is one: the transcript has tokens, each of them some word's).
  const first = count.findIndex((c) => c > 0);
  let p = total[first] / count[first];
  const pWord = [];
  for (let w = 0; w < spans.length; w++) {
    p = count[w] ? total[w] / count[w] : p;
    pWord.push(p);
  }
  const isCommand = pWord.map((q) => q >= 0.5);
  if (isCommand.every((c) => c) || !isCommand.some((c) => c)) return wholeAnswer;
  const out = [];
  let start = 0;
  for (let i = 1; i <= spans.length; i++) {
    if (i === spans.length || isCommand[i] !== isCommand[start]) {
      const command = isCommand[start];
      let sure = Infinity;
      for (let w = start; w < i; w++) sure = Math.min(sure, command ? pWord[w] : 1.0 - pWord[w]);
      out.push(span(start, i - 1, command ? 'command' : 'dictation', sure));
      start = i;
    }
  }
  return out;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Throw a TypeError when `text` holds a lone surrogate (Python's tokenizer refuses it; the JS
 * binding would read it as U+FFFD). */
function checkText(text, what) {
  if (LONE_SURROGATE.test(text)) throw new TypeError(`${what} is not valid Unicode text (a lone surrogate)`);
}

const isCount = (v, max) => Number.isInteger(v) && v >= 0 && v <= max;

/**
 * Load and check a model directory. Options: `commandThreshold` and `haltThreshold` (default:
 * the model's). Returns { meta, commandThreshold, haltThreshold, encode(transcript, context),
 * classify(transcript, context), classifyBatch(transcripts, contexts) }.
 */
export async function loadModel(dir, options = {}) {
  const file = (name) => join(dir, name);
  const metaPath = file('trm_intent.json');
  let meta;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch (err) {
    throw new ContractError(`${metaPath}: cannot read model metadata (${err.message})`);
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new ContractError(`${metaPath}: expected a JSON object`);
  }
  if (meta.format_version !== FORMAT_VERSION) {
    throw new ContractError(`${metaPath}: format_version ${JSON.stringify(meta.format_version)} is not supported `
      + `(this client reads ${FORMAT_VERSION}: the window's context is a graph of its own, window.onnx; `
      + 're-export it with trm-intent export --checkpoint RUN/best.pt --out DIR, '
      + 'or use the client of the trm-intent version that wrote it)');
  }
  for (const [name, key] of [['model.onnx', 'onnx_sha256'], ['window.onnx', 'window_sha256'],
    ['tokenizer.json', 'tokenizer_sha256']]) {
    let digest;
    try {
      digest = sha256(file(name));
    } catch (err) {
      throw new ContractError(`${file(name)}: cannot read (${err.message})`);
    }
    if (digest !== meta[key]) {
      throw new ContractError(`${file(name)}: SHA-256 ${digest} does not match ${key} in trm_intent.json `
        + '(the file is corrupt, truncated or belongs to another model)');
    }
  }
  const { labels, config = {}, window: cut = {}, max_chars: maxChars, pad_id: padId } = meta;
  if (JSON.stringify(labels) !== JSON.stringify(LABELS)) {
    throw new ContractError(`${metaPath}: labels must be ${JSON.stringify(LABELS)}, got ${JSON.stringify(labels)}`);
  }
  const { max_tokens: maxTokens, hidden, n_sup: nSup } = config;
  for (const [name, value, max] of [['config.max_tokens', maxTokens, 1e6], ['config.hidden', hidden, 1e6],
    ['config.n_sup', nSup, 1e3], ['max_chars', maxChars, 100000], ['pad_id', padId, 1e9],
    ['window.app', cut.app, 64], ['window.bundle', cut.bundle, 64], ['window.title_head', cut.title_head, 256],
    ['window.title_tail', cut.title_tail, 256]]) {
    if (!isCount(value, max) || (value === 0 && !name.startsWith('window.') && name !== 'pad_id')) {
      throw new ContractError(`${metaPath}: ${name} is ${JSON.stringify(value)}, not a count the contract allows`);
    }
  }
  // The caller's threshold, else the model's (a bad one in trm_intent.json is the file's fault).
  const threshold = (given, key) => {
    if (given !== undefined && given !== null) return checkThreshold(given, key);
    try {
      return checkThreshold(meta[key] ?? 0.5, key);
    } catch (err) {
      throw new ContractError(`${metaPath}: ${err.message}`);
    }
  };
  const haltThreshold = threshold(options.haltThreshold, 'halt_threshold');
  const commandThreshold = threshold(options.commandThreshold, 'command_threshold');
  // numpy compares a float32 `halt` or `probs[0]` with a Python float in float32 (NEP 50): so does
  // this client (a Float32Array element is exactly a float32; the thresholds are rounded to one).
  const halt32 = Math.fround(haltThreshold);
  const command32 = Math.fround(commandThreshold);

  // The tokenizer, as the file says. It must hold no added tokens: text such as "[ctx_editor]" or
  // "[pad]" in a transcript or a title is plain text, never a control token.
  const tokenizerPath = file('tokenizer.json');
  const tokenizerJson = readFileSync(tokenizerPath, 'utf8');
  let added;
  try {
    added = JSON.parse(tokenizerJson).added_tokens ?? [];
  } catch (err) {
    throw new ContractError(`${tokenizerPath}: not valid JSON (${err.message})`);
  }
  if (added.length > 0) {
    throw new ContractError(`${tokenizerPath}: declares added tokens (${added.slice(0, 4).map((t) => t.content)}...); `
      + 'the contract\'s tokenizer has none');
  }
  let tokenizer;
  let windowTokenizer;
  try {
    // Two copies, as the Python InputEncoder: transcripts are cut by the tokenizer (max_tokens - 1
    // ids), window fields are read whole and cut here, at both ends.
    tokenizer = tokenizers.Tokenizer.fromString(tokenizerJson);
    windowTokenizer = tokenizers.Tokenizer.fromString(tokenizerJson);
  } catch (err) {
    throw new ContractError(`${tokenizerPath}: cannot load tokenizer (${err.message})`);
  }
  tokenizer.disablePadding();
  tokenizer.setTruncation(maxTokens - 1);
  windowTokenizer.disablePadding();
  windowTokenizer.disableTruncation();
  if (tokenizer.tokenToId('[pad]') !== padId) {
    throw new ContractError(`${metaPath}: pad_id ${padId} is not the tokenizer's [pad] entry`);
  }
  const contextIds = new Map();
  const contextId = (kind) => {
    if (!contextIds.has(kind)) {
      const id = tokenizer.tokenToId(`[ctx_${kind}]`);
      if (id === null || id === undefined) {
        throw new ContractError(`${tokenizerPath}: no [ctx_${kind}] entry`);
      }
      contextIds.set(kind, id);
    }
    return contextIds.get(kind);
  };
  const ctx = meta.context ?? {};
  const rules = {
    enabled: ctx.enabled ?? true,
    bundleIds: new Map(Object.entries(ctx.bundle_ids ?? {})),
    appNames: new Map(Object.entries(ctx.app_names ?? {})),
    browserTitles: ctx.browser_titles ?? [],
  };
  for (const kind of ['unknown', 'other', ...rules.bundleIds.values(), ...rules.appNames.values(),
    ...rules.browserTitles.map(([, k]) => k)]) contextId(kind);

  /** An onnxruntime session of one of the directory's graphs, its inputs and outputs checked. */
  async function openSession(name, inputs, outputs, what) {
    let session;
    try {
      session = await ort.InferenceSession.create(file(name), {
        executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1,
        executionMode: 'sequential', graphOptimizationLevel: 'all', logSeverityLevel: 3,
      });
    } catch (err) {
      throw new ContractError(`${file(name)}: onnxruntime cannot load it (${err.message})`);
    }
    if (session.inputNames.join() !== inputs.join() || session.outputNames.join() !== outputs.join()) {
      throw new ContractError(`${file(name)}: inputs/outputs ${session.inputNames} / ${session.outputNames} `
        + `are not the ${what} ${inputs} / ${outputs}`);
    }
    return session;
  }
  const windowSession = await openSession('window.onnx', WINDOW_INPUTS, WINDOW_OUTPUTS, "window graph's");
  const session = await openSession('model.onnx', STEP_INPUTS, STEP_OUTPUTS, "TRM step's");

  /** The ids of one window field's text, all of them (no truncation); "" gives none. */
  async function fieldIds(text, what) {
    if (text === '') return [];
    checkText(text, what);
    return (await windowTokenizer.encode(text, null, { addSpecialTokens: false })).getIds();
  }

  /** Rule 2 (InputEncoder.window_ids): the context id, then the cut ids of app, bundle, title. */
  async function windowIds(win) {
    const texts = [
      ['context.app_name', strip(head(win.app_name, APP_FIELD_CHARS), PY_STRIP)],
      ['context.bundle_id', strip(head(win.bundle_id, APP_FIELD_CHARS), PY_STRIP)],
      ['context.window_title', strip(head(win.window_title, TITLE_CHARS), PY_STRIP)],
    ].map(([what, f]) => [what, f.toLowerCase() === 'unknown' ? '' : f]);
    const [app, bundle, title] = await Promise.all(texts.map(([what, text]) => fieldIds(text, what)));
    const titleIds = title.length > cut.title_head + cut.title_tail
      ? [...title.slice(0, cut.title_head), ...(cut.title_tail ? title.slice(title.length - cut.title_tail) : [])]
      : title;
    // The last n ids; a bundle id of fewer than n ids keeps them all (Python's max(0, ...)).
    const bundleIds = cut.bundle ? bundle.slice(Math.max(0, bundle.length - cut.bundle)) : [];
    return [contextId(contextKind(rules, win)), ...app.slice(0, cut.app), ...bundleIds, ...titleIds];
  }

  // The window seldom changes between utterances: its ids, and its context once a step needs it,
  // are computed once: { ids, context: Float32Array (max_tokens * hidden) or null }.
  const windows = new Map();
  /** The model's input for `transcript` said in `context` (Python's ModelInput): { ids, windowIds,
   * words }, ids and window ids each led by the context id, `words` the word of each id (-1: the
   * context id), and for the segments the transcript and its segmentSpans(). Throws TypeError for what
   * the Python runtime refuses. */
  async function encode(transcript, context) {
    if (typeof transcript !== 'string') throw new TypeError('transcript must be a string');
    const win = windowOf(context);
    const key = JSON.stringify([win.app_name, win.bundle_id, win.window_title]);
    let entry = windows.get(key);
    if (entry === undefined) {
      entry = { ids: await windowIds(win), context: null };
      if (windows.size >= WINDOW_CACHE) windows.clear();
      windows.set(key, entry);
    }
    const wids = entry.ids;
    const text = head(transcript, maxChars);
    checkText(text, 'transcript');
    const encoding = await tokenizer.encode(text, null, { addSpecialTokens: false });
    const ids = encoding.getIds().slice(0, maxTokens - 1);
    const words = [-1, ...tokenWords(text, wordSpans(text), encoding.getOffsets().slice(0, ids.length))];
    const whole = wholeSpan(transcript); // the one span of an answer that is not cut
    const spans = segmentSpans(transcript, maxChars, whole); // the words a cut answer is cut along
    return { ids: [wids[0], ...ids], windowIds: wids, window: entry, words, transcript, whole, spans };
  }

  const isEmpty = (transcript) => rstripEnd(transcript) === 0; // Python's not str.strip()
  /** Rule 4's empty transcript: dictation, sure, without running the model; no segments. */
  const emptyResult = () => ({
    intent: 'dictation', confidence: 1, halting_confidence: 1,
    probabilities: Object.fromEntries(labels.map((l) => [l, l === 'dictation' ? 1 : 0])), steps: 0,
    segments: [],
  });
  /** Rule 6: command when probs[0] reaches the command threshold; confidence is the intent's
   * probability. Rule 7: the segments of the encoded `row` from the same step's token probs. */
  const toResult = (row, [probs, halt, steps, tokenProbs]) => {
    const best = probs[0] >= command32 ? 0 : 1;
    return {
      intent: labels[best], confidence: probs[best], halting_confidence: halt,
      probabilities: Object.fromEntries(labels.map((l, i) => [l, probs[i]])), steps,
      segments: segments(row.transcript, row.whole, row.spans, row.words, tokenProbs, labels[best], probs[best]),
    };
  };

  const int64 = (rows, width) => {
    const data = new BigInt64Array(rows.length * width).fill(BigInt(padId));
    const mask = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => {
      row.forEach((id, c) => { data[r * width + c] = BigInt(id); mask[r * width + c] = 1n; });
    });
    return [new ort.Tensor('int64', data, [rows.length, width]), new ort.Tensor('int64', mask, [rows.length, width])];
  };
  /** Rows of a [batch, ...] tensor (`keep`: the row indices kept). */
  const rowsOf = (tensor, keep) => {
    const [batch, ...rest] = tensor.dims;
    const size = tensor.data.length / batch;
    const data = new tensor.data.constructor(keep.length * size);
    keep.forEach((r, k) => data.set(tensor.data.subarray(r * size, (r + 1) * size), k * size));
    return new ort.Tensor(tensor.type, data, [keep.length, ...rest]);
  };

  /** Rule 3 (contract.window_context): the window graph on one window alone, once per window. */
  async function windowContext(entry) {
    if (entry.context === null) {
      const [ids, mask] = int64([entry.ids], entry.ids.length);
      const { context } = await windowSession.run({ window_ids: ids, window_mask: mask });
      if (context.dims.join() !== [1, maxTokens, hidden].join()) {
        throw new ContractError(`${file('window.onnx')}: context is shaped ${context.dims}, not 1,${maxTokens},${hidden}`);
      }
      entry.context = context.data;
    }
    return entry.context;
  }

  /** Rule 5 (contract.run_steps): supervision steps on right-padded rows until every row halts.
   * Returns one [probs, halt, steps, tokenProbs] per row (tokenProbs: its first ids.length). */
  async function runSteps(rows) {
    const seq = Math.max(...rows.map((r) => r.ids.length));
    const [inputIds, attentionMask] = int64(rows.map((r) => r.ids), seq);
    // Each row's context, its first seq positions (padded positions included), rows one after another.
    const context = new Float32Array(rows.length * seq * hidden);
    for (let r = 0; r < rows.length; r++) {
      context.set((await windowContext(rows[r].window)).subarray(0, seq * hidden), r * seq * hidden);
    }
    const state = () => new ort.Tensor('float32', new Float32Array(rows.length * seq * hidden), [rows.length, seq, hidden]);
    let feed = { input_ids: inputIds, context: new ort.Tensor('float32', context, [rows.length, seq, hidden]),
      attention_mask: attentionMask, y: state(), z: state() };
    const out = rows.map(() => null);
    let live = rows.map((_, r) => r);
    for (let n = 1; n <= nSup; n++) {
      const step = await session.run(feed);
      const nLabels = step.probs.dims[1];
      const keep = [];
      live.forEach((r, k) => {
        const halt = step.halt.data[k];
        const tokens = Array.from(step.token_probs.data.subarray(k * seq, k * seq + rows[r].ids.length));
        out[r] = [Array.from(step.probs.data.subarray(k * nLabels, (k + 1) * nLabels)), halt, n, tokens];
        if (halt < halt32) keep.push(k);
      });
      if (keep.length === 0) break;
      if (keep.length === live.length) {
        feed = { ...feed, y: step.y_out, z: step.z_out };
      } else {
        live = keep.map((k) => live[k]);
        feed = Object.fromEntries([...STEP_INPUTS.slice(0, 3).map((name) => [name, rowsOf(feed[name], keep)]),
          ['y', rowsOf(step.y_out, keep)], ['z', rowsOf(step.z_out, keep)]]);
      }
    }
    return out;
  }

  /** IntentClassifier.classify(): one utterance. An empty or whitespace-only transcript (Python's
   * str.strip()) is dictation with confidence 1 and steps 0, without running the model. */
  async function classify(transcript, context) {
    const row = await encode(transcript, context); // a bad window is refused even with no words
    if (isEmpty(transcript)) return emptyResult();
    const [answer] = await runSteps([row]);
    return toResult(row, answer);
  }

  /** classify_batch() for rows already encoded (`encoded[i]` null: an empty transcript). */
  async function runEncoded(encoded) {
    const results = encoded.map(() => emptyResult());
    const order = encoded.map((_, i) => i).filter((i) => encoded[i] !== null)
      .sort((a, b) => encoded[a].ids.length - encoded[b].ids.length); // stable, as Python's sorted()
    for (let start = 0; start < order.length; start += BATCH_ROWS) {
      const chunk = order.slice(start, start + BATCH_ROWS);
      const answers = await runSteps(chunk.map((i) => encoded[i]));
      chunk.forEach((i, r) => { results[i] = toResult(encoded[i], answers[r]); });
    }
    return results;
  }

  /** IntentClassifier.classify_batch(): the same answers as Python's, rows of similar length run
   * together BATCH_ROWS at a time (a row's numbers may differ in the last bits from classify()'s). */
  async function classifyBatch(transcripts, contexts) {
    if (typeof transcripts === 'string' || !Array.isArray(transcripts)) {
      throw new TypeError('classifyBatch takes an array of transcripts');
    }
    contexts = contexts ?? transcripts.map(() => null);
    if (contexts.length !== transcripts.length) {
      throw new RangeError(`${transcripts.length} transcripts but ${contexts.length} contexts`);
    }
    const encoded = [];
    for (let i = 0; i < transcripts.length; i++) {
      const row = await encode(transcripts[i], contexts[i]);
      encoded.push(isEmpty(transcripts[i]) ? null : row);
    }
    return runEncoded(encoded);
  }

  return { meta, commandThreshold, haltThreshold, encode, isEmpty, classify, classifyBatch, runEncoded };
}

const USAGE = 'usage: node classify.mjs MODEL_DIR [--batch] [--command-threshold P] [--halt-threshold P] < records.jsonl\n';

function parseArgs(argv) {
  const args = { dir: null, batch: false, options: {} };
  const names = { '--command-threshold': 'commandThreshold', '--halt-threshold': 'haltThreshold' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    if (flag === '--batch' && inline === undefined) {
      args.batch = true;
    } else if (flag in names) {
      const text = inline ?? argv[++i];
      const value = text === undefined || text.trim() === '' ? NaN : Number(text);
      if (Number.isNaN(value)) throw new TypeError(`${flag} needs a number, got ${JSON.stringify(text)}`);
      args.options[names[flag]] = checkThreshold(value, flag.slice(2).replace('-', '_'));
    } else if (!flag.startsWith('--') && args.dir === null) {
      args.dir = flag;
    } else {
      throw new TypeError(`unexpected argument ${JSON.stringify(argv[i])}`);
    }
  }
  if (args.dir === null) throw new TypeError('no MODEL_DIR');
  return args;
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`classify.mjs: ${err.message}\n${USAGE}`);
    return 2;
  }
  let model;
  try {
    model = await loadModel(args.dir, args.options);
  } catch (err) {
    process.stderr.write(`classify.mjs: ${err.message}\n`);
    return 2;
  }
  let failed = 0;
  let lineNo = 0;
  const pending = []; // --batch: [line number, encoded row (null: empty transcript) or error]
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    let result;
    try {
      const record = JSON.parse(line);
      if (record === null || typeof record !== 'object') throw new TypeError('a record must be a JSON object');
      if (args.batch) {
        const row = await model.encode(record.transcript, record.context);
        pending.push(model.isEmpty(record.transcript) ? null : row);
        continue;
      }
      result = await model.classify(record.transcript, record.context);
    } catch (err) {
      failed++;
      result = { error: `line ${lineNo}: ${err.message}` };
      if (args.batch) {
        pending.push(result);
        continue;
      }
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  if (args.batch) {
    const rows = pending.map((p) => (p !== null && 'error' in p ? null : p));
    const results = await model.runEncoded(rows);
    pending.forEach((p, i) => {
      process.stdout.write(`${JSON.stringify(p !== null && 'error' in p ? p : results[i])}\n`);
    });
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
