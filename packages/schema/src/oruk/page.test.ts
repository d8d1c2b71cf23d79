import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromOrukPage, paginate, toOrukPage } from './page.ts';

const letters = Array.from('abcdefghijklm'); // 13 items

describe('the HSDS 3.0 page envelope', () => {
  it('has exactly HSDS’s fields, with integer counts and boolean flags', () => {
    const page = paginate(letters, { page: 1, perPage: 5 });
    assert.deepEqual(Object.keys(page).sort(), [
      'contents',
      'empty',
      'first_page',
      'last_page',
      'page_number',
      'size',
      'total_items',
      'total_pages',
    ]);
    for (const key of ['total_items', 'total_pages', 'page_number', 'size'] as const) {
      assert.ok(Number.isInteger(page[key]), key);
    }
    for (const key of ['first_page', 'last_page', 'empty'] as const)
      assert.equal(typeof page[key], 'boolean', key);
  });

  it('describes an empty list: no pages, page 1 first and last, empty', () => {
    assert.deepEqual(paginate([], { page: 1, perPage: 10 }), {
      total_items: 0,
      total_pages: 0,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('describes a list that fits on one page', () => {
    assert.deepEqual(paginate(['a', 'b', 'c'], { page: 1, perPage: 10 }), {
      total_items: 3,
      total_pages: 1,
      page_number: 1,
      size: 3,
      first_page: true,
      last_page: true,
      empty: false,
      contents: ['a', 'b', 'c'],
    });
  });

  it('describes the first, a middle and the last of many pages', () => {
    const pages = [1, 2, 3].map((page) => paginate(letters, { page, perPage: 5 }));
    assert.deepEqual(
      pages.map((p) => [
        p.page_number,
        p.total_pages,
        p.total_items,
        p.size,
        p.first_page,
        p.last_page,
        p.empty,
      ]),
      [
        [1, 3, 13, 5, true, false, false],
        [2, 3, 13, 5, false, false, false],
        [3, 3, 13, 3, false, true, false],
      ],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.contents),
      letters,
    );
  });

  it('fills exact pages with no empty page after them', () => {
    const last = paginate(letters.slice(0, 10), { page: 2, perPage: 5 });
    assert.equal(last.total_pages, 2);
    assert.equal(last.last_page, true);
    assert.equal(last.size, 5);
  });

  it('describes a page past the end as empty and last', () => {
    const past = paginate(letters, { page: 9, perPage: 5 });
    assert.deepEqual(
      [past.size, past.empty, past.last_page, past.first_page, past.total_items],
      [0, true, true, false, 13],
    );
  });

  it('builds the envelope for a page a store already cut', () => {
    const page = toOrukPage(['k', 'l'], { page: 6, perPage: 2, totalItems: 11 });
    assert.deepEqual([page.total_pages, page.size, page.last_page], [6, 2, true]);
  });

  it('refuses page numbers and sizes that are not whole numbers from 1', () => {
    assert.throws(() => paginate(letters, { page: 0, perPage: 5 }), RangeError);
    assert.throws(() => paginate(letters, { page: 1.5, perPage: 5 }), RangeError);
    assert.throws(() => paginate(letters, { page: 1, perPage: 0 }), RangeError);
    assert.throws(() => toOrukPage([], { page: 1, perPage: 5, totalItems: -1 }), RangeError);
  });
});

describe('reading a page from any publisher', () => {
  it('reads hubkit’s own pages back, and follows nextPage through the whole list', () => {
    const seen: unknown[] = [];
    let next: number | null = 1;
    let guard = 0;
    while (next !== null && guard < 10) {
      guard += 1;
      const read = fromOrukPage(JSON.parse(JSON.stringify(paginate(letters, { page: next, perPage: 4 }))));
      assert.ok(read.success);
      assert.equal(read.data.totalItems, 13);
      assert.equal(read.data.totalPages, 4);
      seen.push(...read.data.items);
      next = read.data.nextPage;
    }
    assert.deepEqual(seen, letters);
    assert.equal(guard, 4);
  });

  it('reads an empty list as one last page', () => {
    const read = fromOrukPage(paginate([], { page: 1, perPage: 10 }));
    assert.ok(read.success);
    assert.deepEqual([read.data.items, read.data.lastPage, read.data.nextPage], [[], true, null]);
  });

  it('works out what a sparse envelope leaves out, and takes numbers sent as strings', () => {
    const read = fromOrukPage({
      contents: [1, 2],
      total_items: '5',
      size: 2,
      page_number: '1',
      extra: 'kept',
    });
    assert.ok(read.success);
    assert.deepEqual(
      { ...read.data, items: undefined },
      {
        items: undefined,
        page: 1,
        totalItems: 5,
        totalPages: 3,
        firstPage: true,
        lastPage: false,
        nextPage: 2,
      },
    );
  });

  it('with nothing but contents, reads on until an empty page', () => {
    const more = fromOrukPage({ contents: [1] });
    const done = fromOrukPage({ contents: [] });
    assert.ok(more.success && done.success);
    assert.equal(more.data.nextPage, 2);
    assert.equal(done.data.nextPage, null);
  });

  it('reads the `content` of feeds from before HSDS 3.0', () => {
    const read = fromOrukPage({ content: ['x'], totalElements: 1, last: true });
    assert.ok(read.success);
    assert.deepEqual(read.data.items, ['x']);
  });

  it('names what is missing when there is no list of contents', () => {
    const read = fromOrukPage({ total_items: 3, items: [] });
    assert.equal(read.success, false);
    assert.deepEqual(
      read.errors.map((e) => [e.path, e.code]),
      [['/contents', 'required']],
    );
  });
});
