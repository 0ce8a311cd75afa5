// Template regular expressions (JSON Schema `pattern`, `patternProperties`) run on RE2 (re2js, pure JS): its
// matching time grows linearly with the input, so a pattern like ^(a+)+$ cannot hold the server or the browser.
// RE2 has no backreferences and no lookaround; a pattern using them is refused at import (regexProblem), so
// every ajv that meets template schemas compiles with `code: { regExp: re2RegExp }` and never falls back.
import { RE2JS } from 're2js';

/** What ajv's `code.regExp` option takes: a factory of objects with `test`, and a name for standalone code. */
export interface SafeRegExpEngine {
  (pattern: string, flags: string): { test(input: string): boolean };
  code: string;
}

// ECMAScript spells Unicode scripts and categories `\p{Script=Han}` / `\p{gc=L}`; RE2 knows them as `\p{Han}`, `\p{L}`.
const PROPERTY_NAME = /\\([pP])\{(?:Script|sc|General_Category|gc)=([A-Za-z_]+)\}/g;

function toRe2Syntax(source: string): string {
  return RE2JS.translateRegExp(source.replace(PROPERTY_NAME, '\\$1{$2}'));
}

/**
 * Why this JSON Schema pattern cannot run here, as words for the admin, or undefined when it can.
 * The pattern must be valid ECMAScript (what JSON Schema specifies) and expressible in RE2.
 */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'u'); // compiles only: nothing is matched, so this cannot backtrack
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  const unsupported = unsupportedConstruct(source);
  if (unsupported) {
    return `uses ${unsupported}, which the regular-expression engine (RE2, linear time) does not run; rewrite the pattern without it (for example, split it into several patterns under allOf)`;
  }
  try {
    RE2JS.compile(toRe2Syntax(source));
  } catch (e) {
    return `cannot run on the regular-expression engine (RE2, linear time): ${(e as Error).message}; simplify the pattern`;
  }
  return undefined;
}

/** Backreferences and lookaround, named the way an admin would look them up; undefined when there are none. */
function unsupportedConstruct(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      // translateRegExp would quietly turn `\k<name>` into the letters "k<name>", so it is caught here first
      if (!inClass && /[1-9]/.test(next)) return `a backreference (\\${next})`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'a named backreference (\\k<…>)';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) return 'a lookahead ((?=…) or (?!…))';
      if (rest === '<=' || rest === '<!') return 'a lookbehind ((?<=…) or (?<!…))';
    }
  }
  return undefined;
}

/** Compiles for ajv; a pattern regexProblem refuses throws here, which after import validation is a bug. */
export const re2RegExp: SafeRegExpEngine = Object.assign((pattern: string) => RE2JS.compile(toRe2Syntax(pattern)), {
  code: 'RE2JS.compile',
});

// Templates hold few patterns, and a walk over record data asks for the same ones again and again.
const testers = new Map<string, { test(input: string): boolean } | null>();

/** A pattern as a tester on RE2, or undefined when RE2 cannot run it (callers treat that as "does not match"). */
export function safeRegExp(source: string): { test(input: string): boolean } | undefined {
  let tester = testers.get(source);
  if (tester === undefined) {
    tester = regexProblem(source) === undefined ? re2RegExp(source, 'u') : null;
    if (testers.size >= 1000) testers.delete(testers.keys().next().value as string);
    testers.set(source, tester);
  }
  return tester ?? undefined;
}
