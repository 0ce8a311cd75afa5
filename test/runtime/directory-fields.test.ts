// Person fields hold people of the directory, checked on create and edit.
import { beforeEach, describe, expect, it } from 'vitest';
import { blankTemplate } from '../../ui/src/admin/gallery/new-template';
import { addField } from '../../ui/src/admin/studio/form-fields';
import { createRuntimeFixture, type RuntimeFixture } from '../fixtures/runtime-fixture.ts';

let f: RuntimeFixture;
beforeEach(async () => {
  f = await createRuntimeFixture();
  const t = blankTemplate({ id: 'inspection', name: { 'zh-CN': '检验单', en: 'Inspection' }, numberPrefix: 'IN' });
  addField(t, { key: 'inspector', type: 'person', label: { 'zh-CN': '检验员', en: 'Inspector' }, required: false });
  const installed = await f.runtime.installTemplate(t);
  expect(installed.ok).toBe(true);
});

describe('person fields', () => {
  it('take a person of the directory and refuse anyone else at the field', async () => {
    const ok = await f.runtime.createRecord(f.actor('admin'), 'inspection', { title: 'A', inspector: f.users.warehouse.id });
    expect(ok.ok).toBe(true);
    const refused = await f.runtime.createRecord(f.actor('admin'), 'inspection', { title: 'B', inspector: 'nobody' });
    expect(refused).toMatchObject({ ok: false, code: 'validation_failed', errors: [{ path: '/inspector', message: 'is not a person in the directory' }] });
  });

  it('a person whose account was disabled since may stay, but cannot be chosen anew', async () => {
    const made = await f.runtime.createRecord(f.actor('admin'), 'inspection', { title: 'A', inspector: f.users.warehouse.id });
    if (!made.ok) throw new Error('not created');
    await f.runtime.updateUser(f.actor('admin'), f.users.warehouse.id, { disabled: true });
    const edited = await f.runtime.editRecord(f.actor('admin'), made.value.id, { ...made.value.data, title: 'A2' }, made.value.version);
    expect(edited.ok).toBe(true);
    const other = await f.runtime.createRecord(f.actor('admin'), 'inspection', { title: 'C', inspector: f.users.warehouse.id });
    expect(other).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});
