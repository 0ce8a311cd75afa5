import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../../plugin/core/data-validation.ts';
import { regexProblem, safeRegExp } from '../../plugin/core/safe-regexp.ts';

describe('patterns the linear-time engine runs', () => {
  it.each([
    ['^(a+)+$', 'aaaa', 'aaab'],
    ['^[A-Za-z][A-Za-z0-9]{0,15}$', 'SO2', '2SO'],
    ['^[\\u4e00-\\u9fa5]+$', '中文', 'abc'],
    ['^\\p{Script=Han}+$', '上海', 'Shanghai'],
    ['^\\p{L}+$', 'été', '123'],
    ['^(?<area>\\d{3})-\\d{4}$', '021-1234', '0211234'],
    ['^\\S+@\\S+\\.\\S+$', 'a@b.cn', 'a b@c'],
    ['^.$', '😀', '😀😀'],
  ])('%s matches as ECMAScript says', (source, yes, no) => {
    expect(regexProblem(source)).toBeUndefined();
    const re = safeRegExp(source)!;
    expect([re.test(yes), re.test(no)]).toEqual([new RegExp(source, 'u').test(yes), new RegExp(source, 'u').test(no)]);
    expect([re.test(yes), re.test(no)]).toEqual([true, false]);
  });

  it('^(a+)+$ refuses 40 characters that almost match in well under a second', () => {
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } };
    const started = performance.now();
    const errors = validateAgainst(schema, { code: `${'a'.repeat(40)}!` });
    const took = performance.now() - started;
    expect(errors).toEqual([{ path: '/code', message: 'must match pattern "^(a+)+$"', zh: '应当匹配模式 "^(a+)+$"' }]);
    expect(took).toBeLessThan(250);
    // and its cost grows with the input, not doubling with each character
    const long = performance.now();
    expect(validateAgainst(schema, { code: `${'a'.repeat(9_000)}!` })).toHaveLength(1);
    expect(performance.now() - long).toBeLessThan(250);
  });
});

describe('patterns it refuses, saying why and what to do', () => {
  it.each([
    ['^(?=.*\\d).{8,}$', /lookahead.*rewrite the pattern without it/],
    ['^(?!admin).*$', /lookahead/],
    ['(?<=¥)\\d+', /lookbehind/],
    ['^(a)\\1$', /backreference \(\\1\)/],
    ['^(?<q>[\'"]).*\\k<q>$', /named backreference/],
    ['^a{1,2000}$', /RE2.*simplify the pattern/],
    ['^(a$', /is not a valid regular expression/],
  ])('%s', (source, message) => {
    expect(regexProblem(source)).toMatch(message);
    expect(safeRegExp(source)).toBeUndefined();
  });

  it('lookaround-looking characters inside a character class are only characters', () => {
    expect(regexProblem('^[(?=!]+$')).toBeUndefined();
    expect(safeRegExp('^[(?=!]+$')!.test('(?=')).toBe(true);
  });
});

describe('a template installed before its patterns had to run on RE2', () => {
  it('has its records refused with words for the admin, not a crash', () => {
    const schema = { type: 'object', properties: { password: { type: 'string', pattern: '^(?=.*\\d).{8,}$' } } };
    expect(validateAgainst(schema, { password: 'abcdefg1' })).toEqual([
      { path: '', message: expect.stringMatching(/pattern at \/properties\/password\/pattern uses a lookahead.*an admin must import a new version of the template without it/), zh: expect.stringMatching(/模板在 \/properties\/password\/pattern 的正则表达式无法运行.*请管理员导入去掉它的新版本模板/) },
    ]);
  });
});
