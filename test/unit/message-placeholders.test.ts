/*
 * No message ever shows an unfilled placeholder: every call of getMessage, getMessages and createError in src/ gives
 * as many tokens as its message (and, for createError, its actions) has specifiers, read from messages/*.md. A key
 * made at run time (`status.${s}`) is checked against every key it can name. Calls whose tokens are not written out
 * as an array are listed, and each has a test of its own that runs it (call-policy's faults: fault-paths.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../e2e/harness.js';

const SPECIFIER = /%[sdifjoO]/g;

/** Each bundle's keys and how many specifiers each holds (a list's items together, as @salesforce/core fills them). */
async function bundles(): Promise<Map<string, Map<string, number>>> {
  const dir = join(REPO_ROOT, 'messages');
  const out = new Map<string, Map<string, number>>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md'))) {
    const text = await readFile(join(dir, file), 'utf8');
    const keys = new Map<string, number>();
    const parts = text.split(/^# (.+)$/m);
    for (let i = 1; i < parts.length; i += 2) keys.set(parts[i].trim(), (parts[i + 1].match(SPECIFIER) ?? []).length);
    out.set(file.replace(/\.md$/, ''), keys);
  }
  return out;
}

async function sources(dir: string): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
  return Promise.all(files.map(async (f) => ({ file: f, text: await readFile(join(dir, f), 'utf8') })));
}

/** The text between the bracket at `open` and its match. */
function enclosed(text: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack.at(-1) && (stack.pop(), stack.length === 0)) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced at ${open}`);
}

/** Top-level, comma-separated parts of an argument list or array. */
function split(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = args.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/** How many tokens an argument gives: an array literal's items; undefined when not written out. */
function tokens(arg: string | undefined): number | undefined {
  if (arg === undefined) return 0;
  if (!arg.startsWith('[') || !arg.endsWith(']')) return undefined;
  const items = split(arg.slice(1, -1));
  return items.some((i) => i.startsWith('...')) ? undefined : items.length;
}

/**
 * The keys a key argument can name: itself, every key a template's fixed parts match, or for a choice between keys
 * (`a ? 'x' : 'y'`) those of each of its strings that names one.
 */
function keysOf(arg: string, keys: Map<string, number>): string[] | undefined {
  const single = keysOfOne(arg, keys);
  if (single) return single;
  if (!arg.includes('?')) return undefined;
  const named = [...arg.matchAll(/'[^']*'|`[^`]*`/g)].flatMap((m) => keysOfOne(m[0], keys) ?? []);
  return named.filter((k) => keys.has(k)).length ? named.filter((k) => keys.has(k)) : undefined;
}

function keysOfOne(arg: string, keys: Map<string, number>): string[] | undefined {
  const literal = /^(['"])(.*)\1$/.exec(arg) ?? /^`([^`$]*)`$/.exec(arg);
  if (literal) return [literal[2] ?? literal[1]];
  if (!arg.startsWith('`')) return undefined;
  const pattern = new RegExp(
    `^${arg
      .slice(1, -1)
      .split(/\$\{[^}]*\}/)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\w.-]+')}$`,
  );
  const actions = arg.endsWith('.actions`');
  return [...keys.keys()].filter((k) => pattern.test(k) && k.endsWith('.actions') === actions);
}

type Call = { where: string; bundle: string; method: string; args: string[] };

/**
 * Keys a run-time key can name by its text but never by its values (the value's type is a union of other words):
 * `drift.${f.configure}` is one of change, add, setup, …, never Line or NotSet.
 */
const UNREACHABLE: Readonly<Record<string, readonly string[]>> = {
  'src/cli/verify-report.ts': ['drift.Line', 'drift.NotSet'],
};

async function calls(): Promise<Call[]> {
  const found: Call[] = [];
  for (const { file, text } of await sources(join(REPO_ROOT, 'src'))) {
    const bundleOf = new Map<string, string>();
    for (const m of text.matchAll(/const (\w+) = Messages\.loadMessages\(\s*'[^']+',\s*'([^']+)'\s*\)/g))
      bundleOf.set(m[1], m[2]);
    for (const m of text.matchAll(/\b(\w+)\s*\.\s*(getMessage|getMessages|createError|createWarning|createInfo)\(/g)) {
      const bundle = bundleOf.get(m[1]);
      if (!bundle) continue;
      const open = m.index + m[0].length - 1;
      const line = text.slice(0, open).split('\n').length;
      found.push({ where: `src/${file}:${line}`, bundle, method: m[2], args: split(enclosed(text, open)) });
    }
  }
  return found;
}

describe('messages: no placeholder is ever left unfilled', () => {
  it('every call in src/ gives each message (and its actions) as many tokens as it has specifiers', async () => {
    const all = await bundles();
    const problems: string[] = [];
    /** Call sites whose key or tokens are made at run time. */
    const unchecked = new Set<string>();
    const list = await calls();
    expect(list.length).to.be.greaterThan(100);
    for (const call of list) {
      const keys = all.get(call.bundle);
      if (!keys) {
        problems.push(`${call.where}: no bundle messages/${call.bundle}.md`);
        continue;
      }
      const names = keysOf(call.args[0], keys);
      if (!names) {
        unchecked.add(call.where);
        continue;
      }
      if (names.length === 0) problems.push(`${call.where}: no key of ${call.bundle}.md matches ${call.args[0]}`);
      const given = tokens(call.args[1]);
      const actionsGiven = call.method === 'createError' ? tokens(call.args[2]) : 0;
      const file = call.where.split(':')[0];
      for (const key of names.filter((k) => names.length === 1 || !UNREACHABLE[file]?.includes(k))) {
        const wanted = keys.get(key);
        if (wanted === undefined) {
          problems.push(`${call.where}: ${call.bundle}.md has no key ${key}`);
          continue;
        }
        // Examples are shell commands, written as a user types them (printf '%s' "$SECRET" | sf …): never formatted.
        if (key === 'examples') continue;
        if (given === undefined) unchecked.add(call.where);
        else if (given !== wanted)
          problems.push(`${call.where}: ${call.bundle}:${key} has ${wanted} specifier(s), given ${given}`);
        const actions = keys.get(`${key}.actions`);
        if (call.method !== 'createError' || actions === undefined) continue;
        if (actionsGiven === undefined) unchecked.add(call.where);
        else if (actionsGiven !== actions)
          problems.push(
            `${call.where}: ${call.bundle}:${key}.actions has ${actions} specifier(s), given ${actionsGiven}`,
          );
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    // Tokens that are not written out: few, and each one's call runs in a test of its own.
    expect(unchecked.size, [...unchecked].join('\n')).to.be.at.most(20);
  });

  it('every key of every bundle is a plain name that getMessage can name', async () => {
    for (const [bundle, keys] of await bundles())
      for (const key of keys.keys()) expect(key, `${bundle}.md`).to.match(/^[\w.-]+$/);
  });
});
