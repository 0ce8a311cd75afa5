// Notification recipients as written in templates ('handler', 'role:sales', 'contact:/customer/email'), parsed and built.

export const RECIPIENT_KINDS = ['handler', 'previousHandler', 'actor', 'requester', 'role', 'department', 'contact'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Kinds that take a value after the colon. */
export const WITH_VALUE: RecipientKind[] = ['role', 'department', 'contact'];

export interface Recipient {
  kind: RecipientKind | string;
  value: string;
}

export function parseRecipient(s: string): Recipient {
  const i = s.indexOf(':');
  if (i < 0) return { kind: s, value: '' };
  return { kind: s.slice(0, i), value: s.slice(i + 1) };
}

export function formatRecipient(r: Recipient): string {
  return WITH_VALUE.includes(r.kind as RecipientKind) ? `${r.kind}:${r.value}` : r.kind;
}
