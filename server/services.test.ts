import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('GET /services', () => {
  it('lists every seeded service to anyone, with its form, materials and signature', async () => {
    const res = await server.call('GET', '/api/services');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.length).toBeGreaterThanOrEqual(4);
    const codes = res.body.map((s: { code: string }) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['birth-registration', 'business-licence-change']));
    for (const service of res.body) {
      expect(service).toMatchObject({ code: expect.any(String), name: expect.any(String), nameEn: expect.any(String), agency: { code: expect.any(String), name: expect.any(String) }, legalBasis: expect.any(String) });
      expect(service.form.schema.type).toBe('object');
      expect(service.materials.length).toBeGreaterThan(0);
      expect(service.signature.algorithms.length).toBeGreaterThan(0);
    }
  });

  it('gives one service by code', async () => {
    const res = await server.call('GET', '/api/services/birth-registration');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(SERVICES.find((s) => s.code === 'birth-registration'))));
    expect(res.body.materials.map((m: { code: string }) => m.code)).toEqual(['birth-medical-certificate', 'parents-hukou', 'marriage-certificate']);
    expect(res.body.materials.find((m: { code: string }) => m.code === 'parents-hukou').certificateType).toBe('hukou');
    expect(res.body.materials.find((m: { code: string }) => m.code === 'marriage-certificate').certificateType).toBe('marriage');
    expect(res.body.signature).toEqual({ required: true, algorithms: ['SM2-SM3'] });
  });

  it('answers an unknown service with 404 SERVICE_NOT_FOUND', async () => {
    const res = await server.call('GET', '/api/services/no-such-service');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'SERVICE_NOT_FOUND', message: expect.any(String) } });
  });
});

describe('the seeded definitions', () => {
  it('use the x-egov-format checks, bound every string and name every field in exactly one section', () => {
    const formats = new Set<string>();
    for (const service of SERVICES) {
      const properties = service.form.schema.properties ?? {};
      const inSections = service.form.ui!.sections.flatMap((s) => s.fields);
      expect(new Set(inSections).size).toBe(inSections.length);
      expect(inSections.sort()).toEqual(Object.keys(properties).sort());
      for (const [name, property] of Object.entries(properties)) {
        expect(property.title, name).toBeTruthy();
        expect(property['x-egov-en']?.title, name).toBeTruthy();
        if (property.type === 'string' && !property.enum) expect(property.maxLength, `${service.code}.${name}`).toBeGreaterThan(0);
        if (property['x-egov-format']) formats.add(property['x-egov-format']);
        if (property.enum) expect(Object.keys(property['x-egov-enum-labels'] ?? {})).toEqual(property.enum);
      }
      for (const [name, ui] of Object.entries(service.form.ui!.fields ?? {})) {
        expect(properties[name], name).toBeDefined();
        if (ui.visibleWhen) expect(properties[ui.visibleWhen.field], name).toBeDefined();
      }
      for (const material of service.materials) expect(material.nameEn).toBeTruthy();
    }
    expect([...formats].sort()).toEqual(['cn-id', 'cn-mobile', 'cn-postcode', 'cn-uscc']);
  });

  it('are pure data: the module has no node imports', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('./seed/data/services.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from ['"]node:/);
    expect(source.match(/^import .*$/gm)?.every((line) => line.startsWith('import type'))).toBe(true);
  });
});
