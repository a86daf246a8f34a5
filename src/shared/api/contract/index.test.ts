import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../names';
import { methods } from './index';
import { appMethods } from './app';
import { libraryMethods } from './library';
import { searchMethods } from './search';
import { importMethods } from './import';
import { annotationMethods } from './annotations';
import { ruleMethods } from './rules';
import { entityMethods } from './entities';
import { exchangeMethods } from './exchange';
import { layerMethods } from './layers';
import { repairMethods } from './repairs';
import { ocrMethods } from './ocr';
import { teamMethods } from './team';

// The compiler checks that the parts hold every name and no other; it cannot see a method
// written in two parts, where the later spread would silently replace the earlier.
describe('the contract assembled from its parts', () => {
  it('has each method of names.ts from exactly one part', () => {
    const parts = [appMethods, libraryMethods, searchMethods, importMethods, annotationMethods, ruleMethods, entityMethods, exchangeMethods, layerMethods, repairMethods, ocrMethods, teamMethods];
    const written = parts.flatMap((part) => Object.keys(part));
    expect(written.length).toBe(new Set(written).size);
    expect(new Set(written)).toEqual(new Set(METHOD_NAMES));
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
  });
});
