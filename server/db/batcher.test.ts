import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

/** A batcher whose batches wait for the test to let them finish, and which records what each batch held. */
function controlled(options: {
  maxBatch: number;
  maxInFlight: number;
  key?: (item: string) => string;
  oneBatchPerKey?: boolean;
}) {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const batcher = new Batcher<string, string>(async (items) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (items.includes('boom')) throw new Error('the batch failed');
    return items.map((item) =>
      item.startsWith('bad') ? { ok: false, error: new Error(item) } : { ok: true, value: item.toUpperCase() },
    );
  }, options);
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const release = async () => {
    (gates.shift() as () => void)();
    await tick();
  };
  return { batcher, batches, release, tick };
}

describe('Batcher', () => {
  it('says when it is idle: every call handed in before has been answered', async () => {
    const { batcher, release, tick } = controlled({ maxBatch: 1, maxInFlight: 1 });
    await batcher.idle();
    const answered: string[] = [];
    for (const item of ['a', 'b']) void batcher.submit(item).then((value) => answered.push(value));
    let idle = false;
    void batcher.idle().then(() => {
      idle = true;
    });
    await tick();
    await release();
    expect(answered).toEqual(['A']);
    expect(idle).toBe(false);
    await release();
    await tick();
    expect(answered).toEqual(['A', 'B']);
    expect(idle).toBe(true);
  });

  it('runs a lone call at once, and groups the calls that queue behind a running batch', async () => {
    const { batcher, batches, release, tick } = controlled({ maxBatch: 10, maxInFlight: 1 });
    const first = batcher.submit('a');
    await tick();
    expect(batches).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((item) => batcher.submit(item));
    await tick();
    expect(batches).toHaveLength(1);
    await release();
    expect(await first).toBe('A');
    expect(batches[1]).toEqual(['b', 'c', 'd']);
    await release();
    expect(await Promise.all(rest)).toEqual(['B', 'C', 'D']);
  });

  it('keeps batches within their size, in arrival order, and one key per batch', async () => {
    const { batcher, batches, release, tick } = controlled({
      maxBatch: 2,
      maxInFlight: 1,
      key: (item) => item[0] as string,
    });
    const all = ['x1', 'y1', 'x2', 'x3', 'y2'].map((item) => batcher.submit(item));
    await tick();
    for (let i = 0; i < 3; i++) await release();
    expect(batches).toEqual([['x1', 'x2'], ['y1', 'y2'], ['x3']]);
    expect(await Promise.all(all)).toEqual(['X1', 'Y1', 'X2', 'X3', 'Y2']);
  });

  it('runs at most maxInFlight batches at once', async () => {
    const { batcher, batches, release, tick } = controlled({ maxBatch: 1, maxInFlight: 2 });
    const all = ['a', 'b', 'c'].map((item) => batcher.submit(item));
    await tick();
    expect(batches).toEqual([['a'], ['b']]);
    expect(batcher.waiting).toBe(1);
    await release();
    expect(batches).toEqual([['a'], ['b'], ['c']]);
    await release();
    await release();
    expect(await Promise.all(all)).toEqual(['A', 'B', 'C']);
  });

  it('with oneBatchPerKey, runs other keys beside a running batch but never a second batch of its key', async () => {
    const { batcher, batches, release, tick } = controlled({
      maxBatch: 10,
      maxInFlight: 2,
      key: (item) => item[0] as string,
      oneBatchPerKey: true,
    });
    const first = batcher.submit('x1');
    await tick();
    const rest = ['x2', 'x3', 'y1'].map((item) => batcher.submit(item));
    await tick();
    // x2 and x3 wait for x1's batch; y1 goes beside it.
    expect(batches).toEqual([['x1'], ['y1']]);
    expect(batcher.waiting).toBe(2);
    await release();
    expect(batches).toEqual([['x1'], ['y1'], ['x2', 'x3']]);
    await release();
    await release();
    expect(await first).toBe('X1');
    expect(await Promise.all(rest)).toEqual(['X2', 'X3', 'Y1']);
  });

  it('fails only the items the batch says failed, and every item when the batch throws', async () => {
    const { batcher, release, tick } = controlled({ maxBatch: 10, maxInFlight: 1 });
    const good = batcher.submit('ok');
    const bad = expect(batcher.submit('bad one')).rejects.toThrow('bad one');
    await tick();
    await release();
    expect(await good).toBe('OK');
    await bad;
    const both = [batcher.submit('boom'), batcher.submit('fine')].map((call) =>
      expect(call).rejects.toThrow('the batch failed'),
    );
    await tick();
    await release();
    await Promise.all(both);
    // It keeps working afterwards.
    const later = batcher.submit('later');
    await tick();
    await release();
    expect(await later).toBe('LATER');
  });
});
