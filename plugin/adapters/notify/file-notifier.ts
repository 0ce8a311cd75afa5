// Delivers messages for outside contacts (customers) by appending them to a JSON-lines file, one per message.
// A mail or SMS gateway is another Notifier; the outbox makes a repeated delivery harmless either way.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notification, Notifier } from '../../runtime/ports.ts';

export function fileNotifier(file: string): Notifier {
  // Opened once: a folder check, an open and a close for every message cost more than the message.
  let handle: Promise<FileHandle> | undefined;
  const opened = () =>
    (handle ??= mkdir(dirname(file), { recursive: true }).then(() => open(file, 'a')).catch((error: unknown) => {
      handle = undefined; // the next delivery tries again
      throw error;
    }));
  return {
    async deliver(n: Notification) {
      const line = { id: n.id, to: n.to.replace(/^contact:/, ''), recordId: n.recordId, kind: n.kind, title: n.titles ?? n.title, body: n.bodies ?? n.body, at: n.at };
      await (await opened()).appendFile(JSON.stringify(line) + '\n');
    },
    async close() {
      const open = handle;
      handle = undefined;
      await (await open?.catch(() => undefined))?.close();
    },
  };
}
