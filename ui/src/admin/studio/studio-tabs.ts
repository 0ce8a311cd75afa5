// The studio's tabs and which part of the template (by top-level pointer token) each one edits.
export const TABS = ['states', 'actions', 'fields', 'roles', 'rights', 'rules', 'automations', 'reasons', 'notifications', 'general'] as const;
export type Tab = (typeof TABS)[number];

const BY_TOKEN: Record<string, Tab> = {
  states: 'states',
  actions: 'actions',
  form: 'fields',
  fields: 'rights',
  roles: 'roles',
  rules: 'rules',
  automations: 'automations',
  reasons: 'reasons',
  notifications: 'notifications',
  name: 'general',
  description: 'general',
  noun: 'general',
  numberPrefix: 'general',
  list: 'general',
  appearance: 'general',
  summary: 'general',
  create: 'general',
};

export function tabOf(tokens: string[]): Tab | undefined {
  return BY_TOKEN[tokens[0] ?? ''];
}

export function tabRoots(tab: Tab): string[] {
  return Object.entries(BY_TOKEN)
    .filter(([, t]) => t === tab)
    .map(([k]) => `/${k}`);
}

/** The element id of the card a pointer names, when there is one. */
export function anchorOf(tokens: string[]): string | undefined {
  const [root, key] = tokens;
  if (key === undefined) return undefined;
  switch (root) {
    case 'states':
      return `studio-state-${key}`;
    case 'actions':
      return `studio-action-${key}`;
    case 'reasons':
      return `studio-reasons-${key}`;
    case 'roles':
      return `studio-role-${key}`;
    case 'rules':
      return `studio-rule-${key}`;
    case 'automations':
      return `studio-automation-${key}`;
    case 'notifications':
      return `studio-notification-${key}`;
    case 'form':
      if (tokens[1] === 'labels' && tokens[2]) return `studio-field-${tokens[2]}`;
      if (tokens[1] === 'schema' && tokens[2] === 'properties' && tokens[3]) return `studio-field-/${tokens[3]}`;
      return undefined;
    default:
      return undefined;
  }
}
