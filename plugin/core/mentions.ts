// Who a comment mentions: "@username" or "@姓名", matched against the directory, longest name first.

export interface Mentionable {
  id: string;
  username: string;
  name: string;
}

export interface MentionScan<P extends Mentionable> {
  /** Each person mentioned, once, in the order they first appear. */
  people: P[];
  /** "@word"s that name nobody in the directory, as written (without the @). */
  unknown: string[];
  /** "@name"s that several people share: the writer must use their usernames. */
  ambiguous: string[];
}

const TOKEN = /^[\p{L}\p{N}_.-]+/u;

/** An "@" starts a mention only at the start of the text or after something that cannot be part of a word (so "a@b.com" is no mention). */
function startsMention(text: string, at: number): boolean {
  if (at === 0) return true;
  return !/[\p{L}\p{N}_.@-]/u.test(text[at - 1]!);
}

/** A latin word may not run on past the match ("@sales10" is not "@sales1"); names in Chinese need no gap after them. */
function endsCleanly(rest: string, length: number): boolean {
  const last = rest[length - 1] ?? '';
  const next = rest[length] ?? '';
  return !/[A-Za-z0-9_]/.test(last) || !/[A-Za-z0-9_]/.test(next);
}

export function scanMentions<P extends Mentionable>(text: string, directory: readonly P[]): MentionScan<P> {
  const people: P[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (!startsMention(text, at)) continue;
    const rest = text.slice(at + 1);
    const lower = rest.toLowerCase();
    let best: { length: number; matches: P[] } | undefined;
    for (const p of directory) {
      for (const [word, byUsername] of [[p.username, true], [p.name, false]] as const) {
        if (!word) continue;
        const hit = byUsername ? lower.startsWith(word.toLowerCase()) : rest.startsWith(word);
        if (!hit || !endsCleanly(rest, word.length)) continue;
        if (!best || word.length > best.length) best = { length: word.length, matches: [p] };
        else if (word.length === best.length && !best.matches.includes(p)) best.matches.push(p);
      }
    }
    if (!best) {
      const word = (rest.match(TOKEN)?.[0] ?? '').replace(/[.-]+$/, '');
      if (word && !unknown.includes(word)) unknown.push(word);
      continue;
    }
    // a username is unique; a name two people share says nobody in particular
    const byUsername = best.matches.filter((p) => p.username.toLowerCase() === lower.slice(0, best.length));
    const chosen = byUsername.length === 1 ? byUsername : best.matches;
    if (chosen.length > 1) {
      const word = rest.slice(0, best.length);
      if (!ambiguous.includes(word)) ambiguous.push(word);
    } else if (!people.includes(chosen[0]!)) people.push(chosen[0]!);
    at += best.length;
  }
  return { people, unknown, ambiguous };
}
