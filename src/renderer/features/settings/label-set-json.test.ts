import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../shared/model';
import { labelIdFor, labelSetJson, parseLabelSet } from './label-set-json';

describe('label set JSON', () => {
  it('round-trips an exported set', () => {
    expect(parseLabelSet(labelSetJson(DEFAULT_LABELS))).toEqual({ labels: DEFAULT_LABELS });
  });

  it('accepts a bare array', () => {
    expect(parseLabelSet('[{"id":"GENE","name":"Gene","color":"#AABBCC"}]')).toEqual({ labels: [{ id: 'GENE', name: 'Gene', color: '#aabbcc' }] });
  });

  it('names every problem', () => {
    const bad = JSON.stringify({ labels: [{ id: 'A B', name: '', color: 'red' }, { id: 'X', name: 'X', color: '#000000' }, { id: 'X', name: 'Y', color: '#111111' }, 3] });
    const result = parseLabelSet(bad);
    expect('errors' in result && result.errors).toEqual([
      'Label 1: id must be 1–40 letters, digits, _ or -.',
      'Label 1: name must be 1–60 characters.',
      'Label 1: colour must be #rrggbb.',
      'Label 3: the id X appears twice.',
      'Label 4 is not an object.',
    ]);
    expect(parseLabelSet('not json')).toEqual({ errors: ['The file is not JSON.'] });
    expect(parseLabelSet('{"labels": []}')).toEqual({ errors: ['The label set is empty.'] });
    expect(parseLabelSet('{"names": 1}')).toEqual({ errors: ['Expected a list of labels, or an object with a "labels" list.'] });
  });

  it('makes ids from names, unique', () => {
    expect(labelIdFor('Research group', [])).toBe('RESEARCH_GROUP');
    expect(labelIdFor('Org', ['ORG'])).toBe('ORG_2');
    expect(labelIdFor('机构', [])).toBe('LABEL');
  });
});
