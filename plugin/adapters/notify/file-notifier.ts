// Delivers messages for outside contacts (customers) by appending them to a JSON-lines file, one per message.
// A mail or SMS gateway is another Notifier; the outbox makes a repeated delivery harmless either way.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notification, Notifier } from '../../runtime/ports.ts';

export function fileNotifier(file: string): Notifier {
  return {
    async deliver(n: Notification) {
      await mkdir(dirname(file), { recursive: true });
      const line = { id: n.id, to: n.to.replace(/^contact:/, ''), recordId: n.recordId, kind: n.kind, title: n.titles ?? n.title, body: n.bodies ?? n.body, at: n.at };
      await appendFile(file, JSON.stringify(line) + '\n');
    },
  };
}
