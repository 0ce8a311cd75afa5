import { describe, expect, it } from 'vitest';
import { scanMentions } from '../../plugin/core/mentions.ts';

const people = [
  { id: 'u1', username: 'sales1', name: '张伟' },
  { id: 'u10', username: 'sales10', name: '张伟明' },
  { id: 'u2', username: 'li', name: 'Li Na' },
  { id: 'u3', username: 'twin1', name: '王芳' },
  { id: 'u4', username: 'twin2', name: '王芳' },
];

describe('scanMentions', () => {
  it.each([
    ['@sales1 你好', ['u1'], [], []],
    ['@SALES1, 你好', ['u1'], [], []],
    ['@sales10 你好', ['u10'], [], []],
    ['请@张伟看一下', [], [], []], // an @ right after a letter is no mention
    ['请 @张伟看一下', ['u1'], [], []],
    ['@张伟明请看', ['u10'], [], []], // the longest name wins
    ['@Li Na and @li.', ['u2'], [], []],
    ['mail buyer@sales1.example.com', [], [], []],
    ['@nobody 和 @王芳', [], ['nobody'], ['王芳']],
    ['@twin1 @twin2 @sales1 @sales1', ['u3', 'u4', 'u1'], [], []],
    ['@ alone', [], [], []],
  ])('%s', (text, ids, unknown, ambiguous) => {
    const scan = scanMentions(text, people);
    expect(scan.people.map((p) => p.id)).toEqual(ids);
    expect(scan.unknown).toEqual(unknown);
    expect(scan.ambiguous).toEqual(ambiguous);
  });
});
