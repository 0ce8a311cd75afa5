// The host's extension points used as a host uses them: a new effect type and a new rule operator,
// registered on createPlugin's registries, named by a template, previewed and run by the runtime.
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../plugin/adapters/store/memory-store.ts';
import type { Actor, Template } from '../../plugin/core/types.ts';
import { createPlugin, type Plugin } from '../../plugin/index.ts';

let plugin: Plugin;
let admin: Actor;

const template = (): Template =>
  ({
    id: 'stamped',
    version: 1,
    name: { 'zh-CN': '盖章单', en: 'Stamped' },
    numberPrefix: 'ST',
    form: {
      schema: { type: 'object', required: ['title'], properties: { title: { type: 'string', title: '标题 / Title' } } },
      uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/title' }] },
    },
    summary: {},
    roles: { admin: { label: { 'zh-CN': '管理员', en: 'Administrator' }, view: 'all' } },
    states: {
      draft: { label: { 'zh-CN': '草稿', en: 'Draft' }, initial: true, edit: { admin: '*' } },
      done: { label: { 'zh-CN': '完成', en: 'Done' }, readOnly: true, terminal: true },
    },
    actions: {
      finish: {
        label: { 'zh-CN': '完成', en: 'Finish' },
        from: ['draft'],
        to: 'done',
        allow: [{ role: 'admin', scope: 'all' }],
        guards: [{ rule: 'approvedTitle', message: { 'zh-CN': '标题须以 OK 开头', en: 'The title must start with OK' } }],
        effects: [{ type: 'host.stamp', text: '✓ checked' }],
      },
    },
    create: { roles: ['admin'] },
    reasons: {},
    notifications: {},
    rules: { approvedTitle: { conditions: { all: [{ fact: 'data', path: '$.title', operator: 'startsWith', value: 'OK' }] } } },
  }) as unknown as Template;

beforeAll(async () => {
  const store = new MemoryStore();
  await store.init();
  plugin = createPlugin({ store });
  plugin.effects.register({
    type: 'host.stamp',
    params: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string' } } },
    async plan(params, ctx) {
      const title = `${String(ctx.record.data.title)} ${String(params.text)}`;
      return { record: { ...ctx.record, data: { ...ctx.record.data, title } }, preview: [{ kind: 'host.stamp', text: { 'zh-CN': `标题改为 ${title}`, en: `Title becomes ${title}` } }] };
    },
  });
  plugin.rules.addOperator('startsWith', (fact, value) => typeof fact === 'string' && fact.startsWith(String(value)));
  const installed = await plugin.runtime.installTemplate(template());
  expect(installed.ok).toBe(true);
  const user = await plugin.runtime.addUser({ username: 'owner', name: 'Owner', password: 'owner-pass-1', roles: ['admin'] });
  if (!user.ok) throw new Error(user.message.en);
  const session = await plugin.runtime.login('owner', 'owner-pass-1');
  if (!session.ok) throw new Error(session.message.en);
  admin = (await plugin.runtime.authenticate(session.value.token))!;
});

describe('extension points', () => {
  it('a template naming an effect type or operator nobody registered is refused at import, naming it', async () => {
    const bare = createPlugin({ store: new MemoryStore() });
    const refused = await bare.runtime.installTemplate(template());
    expect(refused.ok).toBe(false);
    const paths = refused.ok ? [] : (refused.errors ?? []).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/actions/finish/effects/0/type', '/rules/approvedTitle/conditions/all/0/operator']));
  });

  it('the new operator guards the action and the new effect is previewed, then done', async () => {
    const no = await plugin.runtime.createRecord(admin, 'stamped', { title: 'NO first' });
    if (!no.ok) throw new Error(no.message.en);
    const refused = await plugin.runtime.runAction(admin, no.value.id, 'finish', {});
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.message.en).toContain('must start with OK');

    const ok = await plugin.runtime.createRecord(admin, 'stamped', { title: 'OK second' });
    if (!ok.ok) throw new Error(ok.message.en);
    const preview = await plugin.runtime.previewAction(admin, ok.value.id, 'finish', {});
    expect(preview.ok && preview.value.effects).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'host.stamp', text: { 'zh-CN': '标题改为 OK second ✓ checked', en: 'Title becomes OK second ✓ checked' } })]));
    const done = await plugin.runtime.runAction(admin, ok.value.id, 'finish', {});
    expect(done.ok && done.value.kind === 'done' && done.value.record).toMatchObject({ status: 'done', data: { title: 'OK second ✓ checked' } });
  });

  it('an effect type registered twice is refused with its name, as a setup failure', () => {
    const again = () => plugin.effects.register({ type: 'host.stamp', params: {}, plan: async () => ({ preview: [] }) });
    expect(again).toThrow('effect type "host.stamp" is registered twice');
    expect(again).toThrow(expect.objectContaining({ name: 'PluginFailure', code: 'setup_invalid' }));
  });
});
