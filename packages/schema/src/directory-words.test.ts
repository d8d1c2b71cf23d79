import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesWords, searchWords, stem, wordMatchScore } from './directory-words.ts';
import { demoDirectory } from './fixtures/directory.ts';
import { hollowayFoodCoop } from './fixtures/services.ts';
import type { Service } from './service.ts';

const names = (q: string) => demoDirectory.filter((s) => matchesWords(s, q)).map((s) => s.name);
const foodBanks = ['Holloway Community Pantry (fictional)', 'Radcliffe Food Share (fictional)'];

describe('directory words', () => {
  it('reads words as people write them: case, accents and apostrophes fold', () => {
    assert.deepEqual(searchWords('Children’s  CENTRE, Caerffili—Ŵyn'), [
      'childrens',
      'centre',
      'caerffili',
      'wyn',
    ]);
    assert.deepEqual(searchWords('  ... '), []);
  });

  it('takes plural and simple endings off', () => {
    const roots: [string, string][] = [
      ['banks', 'bank'],
      ['families', 'family'],
      ['boxes', 'box'],
      ['services', 'service'],
      ['classes', 'class'],
      ['bus', 'bus'],
      ['address', 'address'],
      ['crisis', 'crisis'],
    ];
    for (const [word, root] of roots) {
      assert.equal(stem(word), root, word);
    }
  });

  it('finds the food banks by "food bank", "foodbank", "food banks", "foodbanks" and "Food Bank"', () => {
    assert.ok(foodBanks.every((name) => demoDirectory.some((s) => s.name === name)));
    for (const q of ['food bank', 'foodbank', 'food banks', 'foodbanks', 'Food Bank', 'FOODBANK']) {
      assert.deepEqual(names(q).sort(), foodBanks, q);
    }
  });

  it('still finds by words as typed so far, and needs every word to match somewhere', () => {
    assert.ok(names('food').length >= 4);
    assert.ok(names('couns').length > 0, 'a word typed so far');
    assert.deepEqual(names('food xylophone'), []);
    // One word in the name, another in the description: both count.
    assert.ok(matchesWords(hollowayFoodCoop, 'holloway parcels'));
    assert.ok(!matchesWords(hollowayFoodCoop, 'holloway debt'));
  });

  it('matches a compound both ways without matching across unrelated words', () => {
    const service = (name: string, description = 'Help.'): Service => ({
      ...hollowayFoodCoop,
      name,
      description,
    });
    assert.ok(matchesWords(service('Walking group'), 'walkinggroup'));
    assert.ok(matchesWords(service('Walkinggroup'), 'walking group'));
    assert.ok(!matchesWords(service('Walking'), 'walking group'));
    assert.ok(!matchesWords(service('Food pantry', 'Bring a bag.'), 'foodbag'));
  });

  it('scores matches in the name above those in the description, and an empty query matches all', () => {
    const inName = { ...hollowayFoodCoop, name: 'Debt advice', description: 'Help.' };
    const inText = { ...hollowayFoodCoop, name: 'Help', description: 'Debt advice.' };
    assert.ok(wordMatchScore(inName, 'debt') > wordMatchScore(inText, 'debt'));
    assert.equal(wordMatchScore(inText, ''), 1);
    assert.equal(wordMatchScore(inText, undefined), 1);
  });
});
