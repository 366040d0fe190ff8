import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checklistAttributes, complianceSchema, counts, evaluateChecklist } from './checklist.js';
import type { FoundDocument } from './checklist.js';
import { J5_COMPLIANCE_DEFAULTS } from './defaults/j5-product.js';

const CONFIG = complianceSchema.parse(J5_COMPLIANCE_DEFAULTS);
const NOW = Date.parse('2026-12-01T09:30:00Z');

const doc = (id: number, name: string, folder: string | null, over: Partial<FoundDocument> = {}): FoundDocument => ({ id, name, folder, ...over });

describe('the compliance checklist (job 5)', () => {
  it('asks a hazmat product for its safety data sheet and UN transport declaration, and every product for its country labels', () => {
    const r = evaluateChecklist(CONFIG.classes, ['hazmat'], [], NOW);
    expect(r.classes).toEqual(['hazmat', 'every']);
    expect(r.required).toEqual(['Safety Data Sheet', 'UN Transport Declaration', 'Country Labels']);
    expect(r.missing).toEqual(r.required);
    expect(r.complete).toBe(false);
    expect(evaluateChecklist(CONFIG.classes, ['ce'], [], NOW).required).toEqual(['EU Declaration of Conformity', 'Country Labels']);
    // A mark without a checklist of its own (PED, UL) adds nothing.
    expect(evaluateChecklist(CONFIG.classes, ['PED'], [], NOW).required).toEqual(['Country Labels']);
  });

  it('counts a document by its folder (and name pattern), or anywhere by its document type', () => {
    const docs = [
      doc(1, 'SDS Solvent Cleaner SC-5 rev 4.pdf', 'Safety Data Sheets'),
      doc(2, 'Shipping notes.pdf', 'Import Documentation'), // the right folder, but not a transport declaration
      doc(3, 'scan-0042.pdf', null, { documentType: 'un transport declaration' }), // typed, at the workspace's root
    ];
    const r = evaluateChecklist(CONFIG.classes, ['hazmat'], docs, NOW);
    expect(r.present).toEqual(['Safety Data Sheet', 'UN Transport Declaration']);
    expect(r.missing).toEqual(['Country Labels']);
    expect(r.items.find((i) => i.name === 'UN Transport Declaration')?.documents).toEqual([{ id: 3, name: 'scan-0042.pdf', validUntil: null }]);
    expect(counts(doc(4, 'UN 1993 declaration.pdf', 'Import Documentation'), { name: 'x', folder: 'Import Documentation', match: '\\bUN\\b' })).toBe(true);
    expect(counts(doc(5, 'UN 1993 declaration.pdf', 'Certifications'), { name: 'x', folder: 'Import Documentation', match: '\\bUN\\b' })).toBe(false);
    expect(counts(doc(6, 'Label DE.pdf', 'labeling'), { name: 'x', folder: 'Labeling' })).toBe(true);
  });

  it('tells an expired document from a valid one by its Valid Until (valid through that day), or by maxAgeDays from its last change', () => {
    const labels = (validUntil: string) => [doc(7, 'Labels.pdf', 'Labeling', { validUntil })];
    expect(evaluateChecklist(CONFIG.classes, [], labels('2026-12-01'), NOW).present).toEqual(['Country Labels']);
    expect(evaluateChecklist(CONFIG.classes, [], labels('2026-12-01T00:00:00'), NOW).present).toEqual(['Country Labels']);
    const expired = evaluateChecklist(CONFIG.classes, [], labels('2026-11-30T00:00:00'), NOW);
    expect(expired.expired).toEqual(['Country Labels']);
    expect(expired.items[0]).toMatchObject({ status: 'expired', expiredOn: '2026-11-30', documents: [{ id: 7, validUntil: '2026-11-30' }] });
    expect(expired.complete).toBe(false);
    // A newer copy beside the expired one makes it present again.
    const renewed = evaluateChecklist(CONFIG.classes, [], [...labels('2025-01-01'), doc(8, 'Labels 2027.pdf', 'Labeling', { validUntil: '2027-12-31' })], NOW);
    expect(renewed.items[0]).toMatchObject({ status: 'present', documents: [{ id: 8 }] });
    // maxAgeDays: a safety data sheet to be revised every 3 years.
    const classes = complianceSchema.parse({ classes: { hazmat: { documents: [{ name: 'SDS', folder: 'Safety Data Sheets', maxAgeDays: 1095 }] } } }).classes;
    const sds = (modified: string) => evaluateChecklist(classes, ['hazmat'], [doc(9, 'SDS.pdf', 'Safety Data Sheets', { modified })], NOW);
    expect(sds('2024-01-01T00:00:00Z').present).toEqual(['SDS']);
    expect(sds('2023-01-01T00:00:00Z').items[0]).toMatchObject({ status: 'expired', expiredOn: '2025-12-31' });
  });

  it('lists a document that several classes require once, with those classes', () => {
    const classes = complianceSchema.parse({
      classes: { CE: { documents: [{ name: 'Country Labels', folder: 'Labeling' }] }, every: J5_COMPLIANCE_DEFAULTS.classes.every },
    }).classes;
    const r = evaluateChecklist(classes, ['CE'], [], NOW);
    expect(r.items).toEqual([{ name: 'Country Labels', classes: ['CE', 'every'], status: 'missing', documents: [] }]);
  });

  it('gives the checklist attributes of the product workspace', () => {
    const r = evaluateChecklist(CONFIG.classes, ['hazmat'], [doc(1, 'SDS.pdf', 'Safety Data Sheets', { validUntil: '2020-05-31' })], NOW);
    expect(checklistAttributes(r, NOW)).toEqual({
      'Required Documents': ['Safety Data Sheet', 'UN Transport Declaration', 'Country Labels'],
      'Present Documents': [],
      'Missing Documents': ['UN Transport Declaration', 'Country Labels'],
      'Expired Documents': ['Safety Data Sheet (expired 2020-05-31)'],
      'Checklist Status': 'incomplete',
      'Last Checked': '2026-12-01T09:30:00.000Z',
    });
  });

  it('refuses a requirement that says nowhere where it counts, a bad pattern, and unknown keys, naming each', () => {
    const r = complianceSchema.safeParse({
      recheckIntervalMs: -1,
      classes: { hazmat: { documents: [{ name: 'SDS' }, { name: 'UN', match: '(' }] }, CE: { documents: [] } },
      documentCategory: { colour: 'red' },
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^recheckIntervalMs: /),
        'classes.hazmat.documents.0: say where the document counts as present: folder, match or documentType',
        expect.stringMatching(/^classes\.hazmat\.documents\.1\.match: invalid regular expression "\("/),
        expect.stringMatching(/^classes\.CE\.documents: /),
        expect.stringMatching(/^documentCategory: Unrecognized key/),
      ]),
    );
  });

  it('property: the required documents are exactly present + missing + expired, and complete means nothing missing or expired', () => {
    const folders = ['Safety Data Sheets', 'Certifications', 'Labeling', 'Import Documentation', null];
    const arbDoc = fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      name: fc.constantFrom('SDS.pdf', 'UN declaration.pdf', 'DoC.pdf', 'Declaration of conformity.pdf', 'Label.pdf', 'misc.txt'),
      folder: fc.constantFrom(...folders),
      documentType: fc.option(fc.constantFrom('Safety Data Sheet', 'Country Label', 'Declaration of Conformity', 'Invoice'), { nil: null }),
      validUntil: fc.option(fc.constantFrom('2020-01-01', '2026-12-01', '2030-06-30T00:00:00'), { nil: null }),
    });
    fc.assert(
      // Node ids are unique in Content Server.
      fc.property(fc.subarray(['hazmat', 'CE', 'PED', 'UL']), fc.uniqueArray(arbDoc, { selector: (d) => d.id, maxLength: 8 }), (classes, docs) => {
        const r = evaluateChecklist(CONFIG.classes, classes, docs, NOW);
        expect([...r.present, ...r.missing, ...r.expired].sort()).toEqual([...r.required].sort());
        expect(new Set(r.required).size).toBe(r.required.length);
        expect(r.complete).toBe(r.missing.length === 0 && r.expired.length === 0);
        // Adding a valid copy of every document never makes anything missing or expired that was present.
        const more = evaluateChecklist(CONFIG.classes, classes, [...docs, ...docs.map((d) => ({ ...d, id: d.id + 20_000, validUntil: null }))], NOW);
        for (const p of r.present) expect(more.present).toContain(p);
        // The order of the documents does not matter.
        expect(evaluateChecklist(CONFIG.classes, classes, [...docs].reverse(), NOW)).toEqual(r);
      }),
    );
  });
});
