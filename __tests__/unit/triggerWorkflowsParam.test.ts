import { parseTriggerWorkflowsParam } from '../../src/server/interception/triggerWorkflowsParam';

describe('triggerWorkflows names workflow keys in order', () => {
  it.each([
    ['a single key', 'abc', ['abc']],
    ['keys in the order given', 'b,a,c', ['b', 'a', 'c']],
    ['each key once', 'a,b,a', ['a', 'b']],
    ['keys with a !path suffix', 'a!values.title,b', ['a', 'b']],
    ['no empty items', ',a,,b,', ['a', 'b']],
    ['surrounding spaces trimmed', ' a , b ', ['a', 'b']],
    ['nothing for an empty value', '', []],
    ['nothing for a missing value', undefined, []],
    ['nothing for a non-string value', { a: 1 }, []],
    ['repeated parameters joined', ['a', 'b,c'], ['a', 'b', 'c']],
  ])('gives %s', (_case, value, keys) => {
    expect(parseTriggerWorkflowsParam(value)).toEqual(keys);
  });

  it('handles thousands of keys without quadratic work', () => {
    const value = Array.from({ length: 20_000 }, (_, i) => `k${i % 5000}`).join(',');
    expect(parseTriggerWorkflowsParam(value)).toHaveLength(5000);
  });
});
