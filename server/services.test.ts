import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, validate } from '../src/core/validation';
import { EXAMPLE_ANSWERS, NOT_AFTER_TODAY, SERVICES } from './seed/data/services';
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

  it('are schemas the shared validator understands, and each example answer set passes it', () => {
    for (const service of SERVICES) {
      expect(checkSchema(service.form.schema), service.code).toEqual([]);
      const example = EXAMPLE_ANSWERS[service.code];
      expect(example, service.code).toBeDefined();
      expect(validate(service.form.schema, example, { ui: service.form.ui }).errors, service.code).toEqual([]);
      expect(validate(service.form.schema, {}, { ui: service.form.ui }).valid, service.code).toBe(false);
      for (const name of NOT_AFTER_TODAY[service.code] ?? []) expect(service.form.schema.properties?.[name]?.format).toBe('date');
    }
  });

  it('hide conditional fields until their condition holds, and then require them', () => {
    const birth = SERVICES.find((s) => s.code === 'birth-registration')!;
    const married = { ...EXAMPLE_ANSWERS['birth-registration'] };
    expect(validate(birth.form.schema, married, { ui: birth.form.ui }).valid).toBe(true);
    const unmarried = validate(birth.form.schema, { ...married, parentsMarried: false }, { ui: birth.form.ui });
    expect(unmarried.errors.map((e) => e.path)).toEqual(['/unmarriedExplanation']);
    const residence = SERVICES.find((s) => s.code === 'residence-permit')!;
    const { employer: _employer, ...withoutEmployer } = EXAMPLE_ANSWERS['residence-permit']!;
    expect(validate(residence.form.schema, withoutEmployer, { ui: residence.form.ui }).errors.map((e) => e.path)).toEqual(['/employer']);
    expect(validate(residence.form.schema, { ...withoutEmployer, residenceReason: 'study' }, { ui: residence.form.ui }).valid).toBe(true);
  });

  it('each have a service guide in Chinese and English, with a time limit in working days', () => {
    for (const service of SERVICES) {
      const guide = service.guide!;
      expect(guide, service.code).toBeDefined();
      expect(guide.summary && guide.summaryEn && guide.fee && guide.feeEn && guide.contact && guide.contactEn, service.code).toBeTruthy();
      expect(guide.eligibility.length, service.code).toBeGreaterThan(0);
      expect(guide.eligibilityEn?.length, service.code).toBe(guide.eligibility.length);
      expect(Number.isInteger(guide.timeLimitDays) && guide.timeLimitDays > 0, service.code).toBe(true);
    }
  });

  it('are run by the agencies SPEC §5 names, and issue the certificates §6 names from answers the form has', () => {
    const byCode = new Map(SERVICES.map((s) => [s.code, s]));
    expect(byCode.get('birth-registration')!.agency.code).toBe('330000-GA');
    expect(byCode.get('residence-permit')!.agency.code).toBe('330000-GA');
    expect(byCode.get('business-licence-change')!.agency.code).toBe('330000-SC');
    expect(byCode.get('birth-registration')!.issues).toMatchObject({ type: { code: 'birth-registration-record', name: '出生登记证明' } });
    expect(byCode.get('business-licence-change')!.issues).toMatchObject({ type: { code: 'business-licence', name: '营业执照' }, replaces: 'business-licence' });
    for (const service of SERVICES) {
      for (const pointer of Object.values(service.issues?.data ?? {})) {
        expect(Object.keys(service.form.schema.properties ?? {}), `${service.code} ${pointer}`).toContain(pointer.slice(1));
      }
    }
  });

  it('are pure data: the module has no node imports', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('./seed/data/services.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from ['"]node:/);
    expect(source.match(/^import .*$/gm)?.every((line) => line.startsWith('import type'))).toBe(true);
  });
});
