import { get } from 'lodash';
import qs from 'qs';
import {
  keysOfSample,
  leafPaths,
  mergeSampleKeys,
  nextVariableName,
  SampleError,
} from '../../src/client/webhook/samplePaths';

describe('"parse from sample" turns a JSON body into the paths the server reads', () => {
  const sample = {
    order: { id: 42, items: [{ sku: 'A-1', qty: 2 }], 'content-type': 'x' },
    tags: ['a', 'b'],
    empty: {},
    none: null,
  };

  it('lists every leaf with dots for objects and [0] for arrays', () => {
    expect(keysOfSample('body', JSON.stringify(sample))).toEqual([
      'order.id',
      'order.items[0].sku',
      'order.items[0].qty',
      'order["content-type"]',
      'tags[0]',
      'empty',
      'none',
    ]);
  });

  it('gives paths that lodash get (the server) resolves to the sample values', () => {
    for (const path of leafPaths(sample)) {
      expect(get(sample, path)).not.toBeUndefined();
    }
    expect(get(sample, 'order["content-type"]')).toBe('x');
  });

  it('reads a top-level array through its first element', () => {
    expect(keysOfSample('body', '[{"id": 1}]')).toEqual(['[0].id']);
  });

  it('refuses a sample that is not JSON, with a message the dialog shows', () => {
    expect(() => keysOfSample('body', '{"id": ')).toThrow(new SampleError('The sample is not valid JSON.'));
  });
});

describe('"parse from sample" reads query strings as the server parses them (qs)', () => {
  it('takes nested and array parameters from a query string or a whole URL', () => {
    const query = 'source=shop&order[id]=42&tags[]=new&tags[]=hot';
    expect(keysOfSample('query', query)).toEqual(['source', 'order.id', 'tags[0]']);
    expect(keysOfSample('query', `https://shop.example/hook?${query}`)).toEqual(['source', 'order.id', 'tags[0]']);
    const parsed = qs.parse(query);
    expect(get(parsed, 'order.id')).toBe('42');
  });
});

describe('"parse from sample" reads a form body as the server parses it', () => {
  it('takes fields, nested keys and lists from a urlencoded body', () => {
    const form = 'command=%2Fdeploy&user[name]=ann&user[id]=U1&tags[]=a&tags[]=b';
    expect(keysOfSample('body', form)).toEqual(['command', 'user.name', 'user.id', 'tags[0]']);
    expect(get(qs.parse(form), 'user.name')).toBe('ann');
  });

  it('still refuses text that is neither JSON nor a form', () => {
    expect(() => keysOfSample('body', 'hello there')).toThrow(new SampleError('The sample is not valid JSON.'));
  });
});

describe('"parse from sample" reads header names', () => {
  it('takes names from "Name: value" lines, lower-cased as Node reads them, skipping the request line', () => {
    const block = 'POST /api/webhook:trigger/k HTTP/1.1\nX-Event: order.created\r\nContent-Type: application/json\n\n';
    expect(keysOfSample('headers', block)).toEqual(['x-event', 'content-type']);
  });

  it('takes names from a JSON object of headers', () => {
    expect(keysOfSample('headers', '{"X-Event": "a", "X-Id": "b"}')).toEqual(['x-event', 'x-id']);
  });

  it('refuses text without a header line', () => {
    expect(() => keysOfSample('headers', 'just words')).toThrow(SampleError);
  });
});

describe('parsed items get variable names like NocoBase’s webhook trigger, never reused', () => {
  it('numbers from body_$0 and continues after the highest one', () => {
    expect(nextVariableName('body', [])).toBe('body_$0');
    expect(
      nextVariableName('body', [
        { key: 'a', _var: 'body_$0' },
        { key: 'b', _var: 'body_$3' },
      ]),
    ).toBe('body_$4');
    expect(nextVariableName('query', [{ key: 'a', _var: 'body_$7' }])).toBe('query_$0');
  });

  it('adds only new keys, keeping the alias and variable of keys already listed', () => {
    const items = [{ key: 'order.id', alias: 'Order', _var: 'body_$0' }];
    expect(mergeSampleKeys('body', items, ['order.id', 'order.total'])).toEqual([
      { key: 'order.id', alias: 'Order', _var: 'body_$0' },
      { key: 'order.total', _var: 'body_$1' },
    ]);
    expect(mergeSampleKeys('headers', [], ['x-event'])).toEqual([{ key: 'x-event' }]);
  });
});
