import { describe, expect, it } from 'vitest';
import { acceptLabel, acceptsFile, isExecutableType, sniffMediaType } from '../../src/core/validation';

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('file types from their bytes', () => {
  it('recognises the document and image types portals accept', () => {
    expect(sniffMediaType(bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toBe('application/pdf');
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffMediaType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffMediaType(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61))).toBe('image/gif');
    expect(sniffMediaType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).toBe('image/webp');
    expect(sniffMediaType(bytes(0x50, 0x4b, 0x03, 0x04))).toBe('application/zip');
    expect(sniffMediaType(new TextEncoder().encode('hello'))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array())).toBeUndefined();
  });

  it('knows programs and scripts, whatever they are called', () => {
    for (const program of [bytes(0x4d, 0x5a), bytes(0x7f, 0x45, 0x4c, 0x46), new TextEncoder().encode('#!/bin/sh\nrm -rf /')]) {
      expect(isExecutableType(sniffMediaType(program))).toBe(true);
    }
    expect(isExecutableType('application/pdf')).toBe(false);
  });

  it('matches accept lists by the sniffed type first, as HTML writes them', () => {
    const pdf = { name: 'a.pdf', type: 'application/pdf' };
    expect(acceptsFile(['application/pdf'], pdf, 'application/pdf')).toBe(true);
    expect(acceptsFile(['image/*'], { name: 'a.PNG', type: '' }, 'image/png')).toBe(true);
    expect(acceptsFile(['.pdf'], pdf, 'application/pdf')).toBe(true);
    expect(acceptsFile(['.pdf'], pdf, 'image/png')).toBe(false); // a PNG renamed .pdf
    expect(acceptsFile(['application/pdf'], pdf, 'image/png')).toBe(false);
    expect(acceptsFile(['.ofd'], { name: 'licence.ofd', type: '' }, undefined)).toBe(true);
    expect(acceptsFile([], pdf, undefined)).toBe(true);
    expect(acceptLabel(['application/pdf', 'image/jpeg', 'image/png', '.pdf'])).toBe('PDF, JPG, PNG');
  });
});
