#!/usr/bin/env node
// A second client of the trm-intent model directory (model.onnx + tokenizer.json + trm_intent.json).
//
//   node classify.mjs MODEL_DIR < records.jsonl
//
// Reads one JSON record a line ({"transcript": str, "context": {app_name, bundle_id, window_title}}),
// writes one JSON result a line as each line arrives. It re-implements the step contract of
// src/trm_intent/contract.py (see README.md) with nothing but the three files of the directory.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import ort from 'onnxruntime-node';
import tokenizers from 'tokenizers';

export const FORMAT_VERSIONS = [1, 2];
export const STEP_INPUTS = ['input_ids', 'attention_mask', 'y', 'z'];
export const STEP_OUTPUTS = ['probs', 'halt', 'y_out', 'z_out'];
const APP_FIELD_CHARS = 256; // code points of app_name / bundle_id read
const TITLE_CHARS = 512; // code points of window_title read

// Code points for which Python's str.isspace() is true: what Python's str.strip() removes.
// Generated once with Python 3.11: [hex(c) for c in range(0x110000) if chr(c).isspace()].
// JS String.prototype.trim() differs: it strips U+FEFF and keeps U+001C..U+001F and U+0085.
export const PY_STRIP = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
].map((c) => String.fromCodePoint(c)));

export class ContractError extends Error {}

/** The first `n` code points of `s` (Python's s[:n]), not UTF-16 units. */
export function head(s, n) {
  return s.length <= n ? s : Array.from(s).slice(0, n).join('');
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

/** Load and check a model directory; returns { classify(transcript, context) -> result }. */
export async function loadModel(dir) {
  const file = (name) => join(dir, name);
  let meta;
  try {
    meta = JSON.parse(readFileSync(file('trm_intent.json'), 'utf8'));
  } catch (err) {
    throw new ContractError(`${file('trm_intent.json')}: cannot read model metadata (${err.message})`);
  }
  if (!FORMAT_VERSIONS.includes(meta.format_version)) {
    throw new ContractError(`${file('trm_intent.json')}: format_version ${JSON.stringify(meta.format_version)} `
      + `is not supported (this client reads ${FORMAT_VERSIONS.join(' and ')})`);
  }
  for (const [name, key] of [['model.onnx', 'onnx_sha256'], ['tokenizer.json', 'tokenizer_sha256']]) {
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
  if ((meta.ensemble ?? []).length > 0) {
    throw new ContractError(`${file('trm_intent.json')}: an ensemble (y, z with a member axis); this client runs one network`);
  }
  const { labels, config, max_chars: maxChars, halt_threshold: haltThreshold = 0.5 } = meta;
  const { max_tokens: maxTokens, hidden, n_sup: nSup } = config;

  // The tokenizer, as the file says. Format 2 promises no added tokens (text such as "[ctx_editor]"
  // is plain text); a format 1 file may hold them, and the Python runtime of format 1 used them.
  const tokenizerJson = readFileSync(file('tokenizer.json'), 'utf8');
  if (meta.format_version >= 2 && (JSON.parse(tokenizerJson).added_tokens ?? []).length > 0) {
    throw new ContractError(`${file('tokenizer.json')}: declares added tokens; format_version 2 has none`);
  }
  const tokenizer = tokenizers.Tokenizer.fromString(tokenizerJson);
  tokenizer.disablePadding();
  tokenizer.setTruncation(maxTokens - 1);
  const contextIds = new Map();
  const contextId = (kind) => {
    if (!contextIds.has(kind)) {
      const id = tokenizer.tokenToId(`[ctx_${kind}]`);
      if (id === null || id === undefined) {
        throw new ContractError(`${file('tokenizer.json')}: no [ctx_${kind}] entry`);
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

  const session = await ort.InferenceSession.create(file('model.onnx'), {
    executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1,
    executionMode: 'sequential', graphOptimizationLevel: 'all', logSeverityLevel: 3,
  });
  if (session.inputNames.join() !== STEP_INPUTS.join() || session.outputNames.join() !== STEP_OUTPUTS.join()) {
    throw new ContractError(`${file('model.onnx')}: inputs/outputs ${session.inputNames} / ${session.outputNames} `
      + `are not the TRM step's ${STEP_INPUTS} / ${STEP_OUTPUTS}`);
  }
  // numpy compares the float32 `halt` with the threshold in float32 (NEP 50): so does this client.
  const threshold32 = Math.fround(haltThreshold);

  async function classify(transcript, context) {
    if (typeof transcript !== 'string') throw new TypeError('transcript must be a string');
    const win = windowOf(context);
    const kind = contextKind(rules, win);
    if (strip(transcript, PY_STRIP) === '') { // rule 2: nothing to run
      const probabilities = Object.fromEntries(labels.map((l) => [l, l === 'dictation' ? 1 : 0]));
      return { intent: 'dictation', confidence: 1, probabilities, halting_confidence: 1, steps: 0 };
    }
    const text = head(transcript, maxChars);
    if (/\p{Cs}/u.test(text)) throw new TypeError('transcript is not valid Unicode text (a lone surrogate)');
    const encoding = await tokenizer.encode(text, null, { addSpecialTokens: false });
    const ids = [contextId(kind), ...encoding.getIds().slice(0, maxTokens - 1)];
    const seq = ids.length;
    const feed = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, seq]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(seq).fill(1n), [1, seq]),
      y: new ort.Tensor('float32', new Float32Array(seq * hidden), [1, seq, hidden]),
      z: new ort.Tensor('float32', new Float32Array(seq * hidden), [1, seq, hidden]),
    };
    let out;
    let steps = 0;
    while (steps < nSup) { // rule 3: supervision steps until the halting head is confident
      out = await session.run(feed);
      steps++;
      if (out.halt.data[0] >= threshold32) break;
      feed.y = out.y_out;
      feed.z = out.z_out;
    }
    const probs = Array.from(out.probs.data);
    let best = 0;
    probs.forEach((p, i) => { if (p > probs[best]) best = i; }); // numpy argmax: the first maximum
    return {
      intent: labels[best], confidence: probs[best],
      probabilities: Object.fromEntries(labels.map((l, i) => [l, probs[i]])),
      halting_confidence: out.halt.data[0], steps,
    };
  }
  return { meta, classify };
}

async function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node classify.mjs MODEL_DIR < records.jsonl\n');
    return 2;
  }
  let model;
  try {
    model = await loadModel(argv[0]);
  } catch (err) {
    process.stderr.write(`classify.mjs: ${err.message}\n`);
    return 2;
  }
  let failed = 0;
  let lineNo = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    let result;
    try {
      const record = JSON.parse(line);
      if (record === null || typeof record !== 'object') throw new TypeError('a record must be a JSON object');
      result = await model.classify(record.transcript, record.context);
    } catch (err) {
      failed++;
      result = { error: `line ${lineNo}: ${err.message}` };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
